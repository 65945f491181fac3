import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check.js";
import { daysBetween, parseAwsTimestamp } from "../src/engine/lookups/time.js";

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
  evaluate(fn, view) {
    if (fn.packageType === "Image") return notApplicable("containerImage", "Container-image functions are patched by rebuilding the image (see function-image-os-patching).");
    if (fn.runtimeManagement === undefined) return unknown("runtimeManagementNotRead", "The runtime management configuration was not read.");
    if (fn.runtimeManagement === null) return pass("runtimeUpdatesAuto", "Runtime updates are automatic (default).", { updateRuntimeOn: "Auto" });
    const mode = fn.runtimeManagement.updateRuntimeOn;
    const evidence = { updateRuntimeOn: mode, runtimeVersionArn: fn.runtimeManagement.runtimeVersionArn ?? null };
    if (mode === "Manual") return fail("runtimeVersionPinned", "The runtime version is pinned: AWS security patches are not applied.", evidence);
    if (mode === "FunctionUpdate") {
      if (fn.lastModified === undefined) return unknown("lastModifiedNotRead", "Runtime updates wait for a deployment, and the last deployment date was not read.", evidence);
      const age = daysBetween(parseAwsTimestamp(fn.lastModified), view.now);
      const withAge = { ...evidence, lastModified: fn.lastModified, daysSinceLastModified: age };
      if (age > view.settings.maximumDaysSinceDeployment) {
        return fail("runtimeUpdatesStale", `Runtime patches are applied only on deployment, and the function was last deployed ${age} days ago.`, withAge);
      }
      return pass("runtimeUpdatesOnRecentDeploy", "Runtime patches are applied on deployment, and the function was deployed recently.", withAge);
    }
    return pass("runtimeUpdatesAuto", "Runtime updates are automatic.", evidence);
  },
});
