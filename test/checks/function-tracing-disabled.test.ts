import check from "../../checks/function-tracing-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

describeCheckCases(check, [
  { name: "active tracing", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "tracingActive" } },
  { name: "pass-through", snapshot: snapshotWith({ functions: [secureFunction({ tracingMode: "PassThrough" })] }), expect: { status: "fail", reason: "tracingPassThrough", evidence: { tracingMode: "PassThrough" } } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction({ tracingMode: undefined })] }), expect: { status: "unknown", reason: "tracingNotRead" } },
]);
