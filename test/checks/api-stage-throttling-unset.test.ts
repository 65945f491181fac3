import check from "../../checks/api-stage-throttling-unset.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "REST stage throttled", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "throttlingSet" } },
  { name: "HTTP stage throttled", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "pass", reason: "throttlingSet" } },
  {
    name: "REST stage without throttling",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { methodSettings: { "*/*": { loggingLevel: "ERROR" } } } })] }),
    expect: { status: "fail", reason: "throttlingUnset", evidence: { throttlingRateLimit: null } },
  },
  {
    name: "HTTP stage without throttling",
    snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn, { stage: { defaultRouteThrottling: null } })] }),
    expect: { status: "fail", reason: "throttlingUnset" },
  },
  {
    name: "HTTP stages not readable",
    snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)], gaps: [gap("apigatewayv2", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
