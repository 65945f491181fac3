import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check.js";
import { daysBetween, parseAwsTimestamp } from "../src/engine/lookups/time.js";

export default defineCheck({
  id: "function-image-os-patching",
  title: "Container-image function has been rebuilt recently",
  severity: "medium",
  layer: "provider",
  phase: "dependency",
  frameworks: {
    nist80053: ["SI-2", "RA-5", "CM-2"],
    owaspServerless: ["SAS-6"],
    hipaa: ["164.312(c)(1)"],
    fsbp: [],
  },
  rationale:
    "For a container-image function, AWS patches nothing inside the image: the operating system, language " +
    "runtime and libraries are frozen at build time. The provider's patching is out of play, so an image " +
    "that is not rebuilt from an updated base image accumulates every vulnerability published since.",
  remediation:
    "Rebuild the image from the latest AWS base image (public.ecr.aws/lambda/...) on a schedule, scan it " +
    "(ECR enhanced scanning / Amazon Inspector) and redeploy: `aws lambda update-function-code " +
    "--function-name NAME --image-uri ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO@sha256:DIGEST`.",
  requires: ["lambda:ListFunctions"],
  limitations:
    `The function's last modification date stands in for the image build date; an image rebuilt from a stale ` +
    `base image passes. Fails when the function was last modified more than checkSettings.maximumDaysSinceDeployment (default 90) days before collection.`,
  evaluate(fn, view) {
    if (fn.packageType !== "Image") return notApplicable("zipPackage", "The function uses a managed runtime that AWS patches.");
    if (fn.lastModified === undefined) return unknown("lastModifiedNotRead", "The function's last modification date was not read.", { packageType: "Image" });
    const age = daysBetween(parseAwsTimestamp(fn.lastModified), view.now);
    const evidence = { packageType: "Image", lastModified: fn.lastModified, daysSinceLastModified: age, maximumDays: view.settings.maximumDaysSinceDeployment };
    if (age > view.settings.maximumDaysSinceDeployment) return fail("imageNotRebuilt", `The image was last deployed ${age} days ago; its OS and libraries are unpatched since.`, evidence);
    return pass("imageRecentlyRebuilt", `The image was deployed ${age} days ago.`, evidence);
  },
});
