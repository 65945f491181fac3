import { RUNTIME_TABLE_AS_OF, RUNTIME_TABLE_SOURCE, runtimeLifecycle } from "../src/data/runtimes.js";
import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check.js";

const day = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

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
  evaluate(fn, view) {
    if (fn.packageType === "Image") {
      return notApplicable("containerImage", "Container-image functions bring their own runtime (see function-image-os-patching).");
    }
    if (fn.runtime === undefined || fn.runtime === null) return unknown("runtimeNotRead", "The function's runtime was not read.");
    const lifecycle = runtimeLifecycle(fn.runtime, view.settings.runtimeOverrides);
    if (!lifecycle) {
      return unknown("runtimeNotInTable", `Runtime ${fn.runtime} is not in the runtime table (as of ${RUNTIME_TABLE_AS_OF}).`, {
        runtime: fn.runtime,
      });
    }
    const evidence = {
      runtime: fn.runtime,
      deprecationDate: lifecycle.deprecationDate,
      blockCreateDate: lifecycle.blockCreateDate,
      blockUpdateDate: lifecycle.blockUpdateDate,
      judgedAt: view.snapshot.collectedAt,
    };
    const now = view.now.getTime();
    if (lifecycle.blockUpdateDate && day(lifecycle.blockUpdateDate) <= now) {
      return fail("runtimeUpdatesBlocked", `${fn.runtime} is deprecated and Lambda no longer accepts updates to functions on it.`, evidence);
    }
    if (lifecycle.deprecationDate && day(lifecycle.deprecationDate) <= now) {
      return fail("runtimeDeprecated", `${fn.runtime} was deprecated on ${lifecycle.deprecationDate} and no longer receives security patches.`, evidence);
    }
    return pass("runtimeSupported", `${fn.runtime} is supported${lifecycle.deprecationDate ? ` until ${lifecycle.deprecationDate}` : ""}.`, evidence);
  },
});
