import { daysBetween, defineCheck, fail, MAXIMUM_DAYS_SINCE_DEPLOYMENT, notApplicable, parseAwsTimestamp, pass, unknown, z } from "../src/engine/check-kit.js";

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
  settings: z.object({ maximumDaysSinceDeployment: MAXIMUM_DAYS_SINCE_DEPLOYMENT }),
  reasons: {
    zipPackage: "The function uses a managed runtime that AWS patches.",
    lastModifiedNotRead: "The function's last modification date was not read.",
    imageNotRebuilt: "The image was last deployed {daysSinceLastModified} days ago; its OS and libraries are unpatched since.",
    imageRecentlyRebuilt: "The image was deployed {daysSinceLastModified} days ago.",
  },
  evaluate(fn, view, settings) {
    if (fn.packageType !== "Image") return notApplicable("zipPackage");
    if (fn.lastModified === undefined) return unknown("lastModifiedNotRead", { packageType: "Image" });
    const age = daysBetween(parseAwsTimestamp(fn.lastModified), view.now);
    const evidence = { packageType: "Image", lastModified: fn.lastModified, daysSinceLastModified: age, maximumDays: settings.maximumDaysSinceDeployment };
    if (age > settings.maximumDaysSinceDeployment) return fail("imageNotRebuilt", evidence);
    return pass("imageRecentlyRebuilt", evidence);
  },
});
