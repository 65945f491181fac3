import { RUNTIME_TABLE_AS_OF, RUNTIME_TABLE_SOURCE } from "../src/data/runtimes.js";
import { daysBetween, defineCheck, fail, notApplicable, pass, startOfDay, unknown, z } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-runtime-deprecation-soon",
  title: "Function's runtime is not deprecated within the planning horizon",
  severity: "medium",
  layer: "provider",
  phase: "dependency",
  frameworks: {
    nist80053: ["SA-22", "SI-2", "CM-8"],
    owaspServerless: ["SAS-6"],
    hipaa: ["164.312(c)(1)"],
    fsbp: ["Lambda.2"],
    cis: ["4.11"],
  },
  rationale:
    "Runtime migrations need code changes and testing; a function whose runtime loses security patches " +
    "within the horizon (default 180 days) should be scheduled now, not discovered after AWS stops patching it.",
  remediation:
    "Plan the move to the newest runtime of the same language: Lambda console > function > Code > Runtime " +
    "settings > Edit, or `aws lambda update-function-configuration --function-name NAME --runtime " +
    "python3.13` (use the current identifier for your language). Set checkSettings.runtimeDeprecationHorizonDays " +
    "to change the horizon.",
  requires: ["lambda:ListFunctions"],
  limitations:
    `Judged against the runtime table in src/data/runtimes.ts (${RUNTIME_TABLE_SOURCE}, as of ` +
    `${RUNTIME_TABLE_AS_OF}) and the snapshot's collection time.`,
  settings: z.object({
    runtimeDeprecationHorizonDays: z
      .number()
      .int()
      .nonnegative()
      .default(180)
      .describe("Fail this many days or fewer before the runtime's deprecation date."),
  }),
  reasons: {
    containerImage: "Container-image functions bring their own runtime (see function-image-os-patching).",
    runtimeNotRead: "The function's runtime was not read.",
    runtimeNotInTable: "Runtime {runtime} is not in the runtime table (as of {tableAsOf}).",
    noDeprecationAnnounced: "No deprecation date is announced for {runtime}.",
    alreadyDeprecated: "{runtime} is already deprecated (see function-runtime-deprecated).",
    deprecationWithinHorizon: "{runtime} is deprecated on {deprecationDate}, in {daysLeft} days.",
    deprecationBeyondHorizon: "{runtime} is supported for {daysLeft} more days.",
  },
  evaluate(fn, view, settings) {
    if (fn.packageType === "Image") {
      return notApplicable("containerImage");
    }
    if (fn.runtime === undefined || fn.runtime === null) return unknown("runtimeNotRead");
    const lifecycle = view.runtimeLifecycle(fn.runtime);
    if (!lifecycle) {
      return unknown("runtimeNotInTable", { runtime: fn.runtime }, { tableAsOf: RUNTIME_TABLE_AS_OF });
    }
    const horizonDays = settings.runtimeDeprecationHorizonDays;
    const evidence = { runtime: fn.runtime, deprecationDate: lifecycle.deprecationDate, horizonDays, judgedAt: view.snapshot.collectedAt };
    if (lifecycle.deprecationDate === null) return pass("noDeprecationAnnounced", evidence);
    const daysLeft = daysBetween(view.now, startOfDay(lifecycle.deprecationDate));
    if (daysLeft < 0 || startOfDay(lifecycle.deprecationDate) <= view.now.getTime()) {
      return notApplicable("alreadyDeprecated", evidence);
    }
    if (daysLeft <= horizonDays) {
      return fail("deprecationWithinHorizon", { ...evidence, daysLeft });
    }
    return pass("deprecationBeyondHorizon", { ...evidence, daysLeft });
  },
});
