import { RUNTIME_TABLE_AS_OF, RUNTIME_TABLE_SOURCE } from "../src/data/runtimes.js";
import { defineCheck, fail, notApplicable, pass, startOfDay, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-runtime-deprecated",
  title: "Function runs on a runtime that AWS still supports",
  severity: "high",
  layer: "provider",
  phase: "dependency",
  frameworks: {
    nist80053: ["SA-22", "SI-2"],
    owaspServerless: ["SAS-6"],
    hipaa: ["164.312(c)(1)"],
    fsbp: ["Lambda.2"],
    cis: ["4.11"],
  },
  rationale:
    "After a runtime's deprecation date AWS stops applying security patches to it; once creates and " +
    "updates are blocked, a vulnerable function cannot even be redeployed with a fix without first " +
    "changing runtime.",
  remediation:
    "Move the function to a supported runtime of the same language after testing: Lambda console > " +
    "function > Code > Runtime settings > Edit, or `aws lambda update-function-configuration " +
    "--function-name NAME --runtime nodejs22.x` (use the current identifier for your language).",
  requires: ["lambda:ListFunctions"],
  limitations:
    `Judged against the runtime table in src/data/runtimes.ts (${RUNTIME_TABLE_SOURCE}, as of ` +
    `${RUNTIME_TABLE_AS_OF}) and the snapshot's collection time; override rows in the config file when AWS moves a date.`,
  reasons: {
    containerImage: "Container-image functions bring their own runtime (see function-image-os-patching).",
    runtimeNotRead: "The function's runtime was not read.",
    runtimeNotInTable: "Runtime {runtime} is not in the runtime table (as of {tableAsOf}).",
    runtimeUpdatesBlocked: "{runtime} is deprecated and Lambda no longer accepts updates to functions on it.",
    runtimeDeprecated: "{runtime} was deprecated on {deprecationDate} and no longer receives security patches.",
    runtimeSupported: "{runtime} is supported{untilDate}.",
  },
  evaluate(fn, view) {
    if (fn.packageType === "Image") {
      return notApplicable("containerImage");
    }
    if (fn.runtime === undefined || fn.runtime === null) return unknown("runtimeNotRead");
    const lifecycle = view.runtimeLifecycle(fn.runtime);
    if (!lifecycle) {
      return unknown("runtimeNotInTable", {
        runtime: fn.runtime,
      }, { tableAsOf: RUNTIME_TABLE_AS_OF });
    }
    const evidence = {
      runtime: fn.runtime,
      deprecationDate: lifecycle.deprecationDate,
      blockCreateDate: lifecycle.blockCreateDate,
      blockUpdateDate: lifecycle.blockUpdateDate,
      judgedAt: view.snapshot.collectedAt,
    };
    const now = view.now.getTime();
    if (lifecycle.blockUpdateDate && startOfDay(lifecycle.blockUpdateDate) <= now) {
      return fail("runtimeUpdatesBlocked", evidence);
    }
    if (lifecycle.deprecationDate && startOfDay(lifecycle.deprecationDate) <= now) {
      return fail("runtimeDeprecated", evidence);
    }
    return pass("runtimeSupported", evidence, { untilDate: lifecycle.deprecationDate ? ` until ${lifecycle.deprecationDate}` : "" });
  },
});
