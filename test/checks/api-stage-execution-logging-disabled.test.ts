import check from "../../checks/api-stage-execution-logging-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "logging at ERROR", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "executionLoggingOn" } },
  {
    name: "logging OFF",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { methodSettings: { "*/*": { loggingLevel: "OFF" } } } })] }),
    expect: { status: "fail", reason: "executionLoggingOff", evidence: { "methodSettings.*/*.loggingLevel": "OFF" } },
  },
  {
    name: "no stage-wide method settings",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { methodSettings: {} } })] }),
    expect: { status: "fail", reason: "executionLoggingOff" },
  },
  { name: "HTTP API", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "not_applicable", reason: "httpApiHasNoExecutionLogs" } },
  {
    name: "WebSocket API settings are not collected",
    snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn, { api: { protocolType: "WEBSOCKET" } })] }),
    expect: { status: "unknown", reason: "websocketRouteSettingsNotRead" },
  },
  {
    name: "stages not readable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
