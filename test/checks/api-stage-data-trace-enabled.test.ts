import check from "../../checks/api-stage-data-trace-enabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "data trace off", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "dataTraceDisabled" } },
  {
    name: "data trace on for the stage",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { methodSettings: { "*/*": { loggingLevel: "INFO", dataTraceEnabled: true } } } })] }),
    expect: { status: "fail", reason: "dataTraceEnabled", evidence: { dataTraceEnabledPaths: ["*/*"] } },
  },
  { name: "HTTP API", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "not_applicable", reason: "notRestApi" } },
  {
    name: "stages not readable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
