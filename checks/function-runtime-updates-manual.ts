import { daysBetween, defineCheck, fail, MAXIMUM_DAYS_SINCE_DEPLOYMENT, notApplicable, parseAwsTimestamp, pass, unknown, z } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-runtime-updates-manual",
  title: "Function receives runtime security patches automatically",
  severity: "medium",
  layer: "provider",
  phase: "dependency",
  frameworks: {
    nist80053: ["SI-2", "RA-5", "CM-3"],
    owaspServerless: ["SAS-6"],
    hipaa: ["164.312(c)(1)"],
    fsbp: [],
  },
  rationale:
    "With runtime management on Auto, AWS patches the managed runtime (language runtime and OS libraries) " +
    "under the function. Manual pins a runtime version, so the function keeps its known vulnerabilities " +
    "until someone changes the pin; FunctionUpdate patches only when the function is redeployed, which for a " +
    "function untouched for months means months of missed patches.",
  remediation:
    "Return to automatic updates once the pinned version's issue is resolved: Lambda console > function > " +
    "Code > Runtime settings > Edit runtime management configuration > Auto, or `aws lambda " +
    "put-runtime-management-config --function-name NAME --update-runtime-on Auto`.",
  requires: ["lambda:GetRuntimeManagementConfig", "lambda:ListFunctions"],
  limitations: `FunctionUpdate mode fails when the function's configuration was last modified more than checkSettings.maximumDaysSinceDeployment (default 90) days before collection.`,
  settings: z.object({ maximumDaysSinceDeployment: MAXIMUM_DAYS_SINCE_DEPLOYMENT }),
  reasons: {
    containerImage: "Container-image functions are patched by rebuilding the image (see function-image-os-patching).",
    runtimeManagementNotRead: "The runtime management configuration was not read.",
    runtimeUpdatesAuto: "Runtime updates are automatic{byDefault}.",
    runtimeVersionPinned: "The runtime version is pinned: AWS security patches are not applied.",
    lastModifiedNotRead: "Runtime updates wait for a deployment, and the last deployment date was not read.",
    runtimeUpdatesStale: "Runtime patches are applied only on deployment, and the function was last deployed {daysSinceLastModified} days ago.",
    runtimeUpdatesOnRecentDeploy: "Runtime patches are applied on deployment, and the function was deployed recently.",
  },
  evaluate(fn, view, settings) {
    if (fn.packageType === "Image") return notApplicable("containerImage");
    if (fn.runtimeManagement === undefined) return unknown("runtimeManagementNotRead");
    if (fn.runtimeManagement === null) return pass("runtimeUpdatesAuto", { updateRuntimeOn: "Auto" }, { byDefault: " (default)" });
    const mode = fn.runtimeManagement.updateRuntimeOn;
    const evidence = { updateRuntimeOn: mode, runtimeVersionArn: fn.runtimeManagement.runtimeVersionArn ?? null };
    if (mode === "Manual") return fail("runtimeVersionPinned", evidence);
    if (mode === "FunctionUpdate") {
      if (fn.lastModified === undefined) return unknown("lastModifiedNotRead", evidence);
      const age = daysBetween(parseAwsTimestamp(fn.lastModified), view.now);
      const withAge = { ...evidence, lastModified: fn.lastModified, daysSinceLastModified: age };
      if (age > settings.maximumDaysSinceDeployment) {
        return fail("runtimeUpdatesStale", withAge);
      }
      return pass("runtimeUpdatesOnRecentDeploy", withAge);
    }
    return pass("runtimeUpdatesAuto", evidence, { byDefault: "" });
  },
});
