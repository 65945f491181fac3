import check from "../../checks/function-image-os-patching.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const image = (lastModified: string | undefined) => snapshotWith({ functions: [secureFunction({ packageType: "Image", runtime: null, handler: null, lastModified })] });

describeCheckCases(check, [
  { name: "rebuilt last month", snapshot: image("2026-10-01T00:00:00.000+0000"), expect: { status: "pass", reason: "imageRecentlyRebuilt" } },
  { name: "not rebuilt for months", snapshot: image("2026-03-01T00:00:00.000+0000"), expect: { status: "fail", reason: "imageNotRebuilt", evidence: { packageType: "Image" } } },
  { name: "zip package", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "not_applicable", reason: "zipPackage" } },
  { name: "last modified not read", snapshot: image(undefined), expect: { status: "unknown", reason: "lastModifiedNotRead" } },
]);
