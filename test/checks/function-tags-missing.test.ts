import check from "../../checks/function-tags-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

describeCheckCases(check, [
  { name: "tagged, no required keys", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "tagged" } },
  { name: "untagged", snapshot: snapshotWith({ functions: [secureFunction({ tags: {} })] }), expect: { status: "fail", reason: "untagged" } },
  { name: "required tags present", snapshot: snapshotWith({ functions: [secureFunction()] }), settings: { requiredTagKeys: ["owner"] }, expect: { status: "pass", reason: "requiredTagsPresent" } },
  {
    name: "required tag missing",
    snapshot: snapshotWith({ functions: [secureFunction()] }),
    settings: { requiredTagKeys: ["owner", "data-classification"] },
    expect: { status: "fail", reason: "requiredTagsMissing", evidence: { missingTagKeys: ["data-classification"] } },
  },
  { name: "tags not read", snapshot: snapshotWith({ functions: [secureFunction({ tags: undefined })] }), expect: { status: "unknown", reason: "tagsNotRead" } },
]);
