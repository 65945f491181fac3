import check from "../../checks/api-stage-tracing-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "tracing on", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "stageTracingEnabled" } },
  {
    name: "tracing off",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { tracingEnabled: false } })] }),
    expect: { status: "fail", reason: "stageTracingDisabled", evidence: { tracingEnabled: false } },
  },
  { name: "HTTP API", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "not_applicable", reason: "tracingNotSupported" } },
  {
    name: "stages not readable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
