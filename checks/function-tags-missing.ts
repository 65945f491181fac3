import { defineCheck, fail, pass, unknown, z } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-tags-missing",
  title: "Function carries the required tags",
  severity: "low",
  layer: "customer",
  phase: "execution",
  frameworks: {
    nist80053: ["CM-8", "PM-5"],
    owaspServerless: ["SAS-3"],
    hipaa: [],
    fsbp: ["Lambda.6"],
  },
  rationale:
    "Ownership and data-classification tags are how an incident responder finds who to call and how " +
    "sensitive a function's data is; they also drive tag-based access control (aws:ResourceTag). An " +
    "untagged function is an orphan nobody patches.",
  remediation:
    "Add the tags listed in checkSettings.requiredTagKeys (or at least one tag when none are configured): " +
    "Lambda console > function > Configuration > Tags > Manage tags, or `aws lambda tag-resource --resource " +
    "FUNCTION_ARN --tags owner=team-a,data-classification=internal`.",
  requires: ["lambda:GetFunction"],
  settings: z.object({
    requiredTagKeys: z.array(z.string()).default([]).describe("Tag keys every function is expected to carry (e.g. owner, data-classification)."),
  }),
  reasons: {
    tagsNotRead: "The function's tags were not read.",
    untagged: "The function has no tags.",
    tagged: "The function is tagged (no required tag keys are configured).",
    requiredTagsMissing: "The function lacks required tag(s): {missingKeys}.",
    requiredTagsPresent: "The function carries every required tag.",
  },
  evaluate(fn, view, settings) {
    if (fn.tags === undefined) return unknown("tagsNotRead");
    const keys = Object.keys(fn.tags).sort();
    const required = settings.requiredTagKeys;
    if (required.length === 0) {
      if (keys.length === 0) return fail("untagged", { tagKeys: [] });
      return pass("tagged", { tagKeys: keys });
    }
    const missing = required.filter((key) => !(key in fn.tags!) || fn.tags![key] === "");
    if (missing.length > 0) return fail("requiredTagsMissing", { missingTagKeys: missing, tagKeys: keys }, { missingKeys: missing.join(", ") });
    return pass("requiredTagsPresent", { requiredTagKeys: required });
  },
});
