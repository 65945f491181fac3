import check from "../../checks/api-stage-access-logs-disabled.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "REST stage with access logs", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "accessLogsEnabled" } },
  { name: "HTTP stage with access logs", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "pass", reason: "accessLogsEnabled" } },
  {
    name: "REST stage without access logs",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { accessLogDestinationArn: null } })] }),
    expect: { status: "fail", reason: "accessLogsDisabled", evidence: { accessLogDestinationArn: null, stage: "prod" } },
  },
  {
    name: "HTTP stage without access logs",
    snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn, { stage: { accessLogDestinationArn: null } })] }),
    expect: { status: "fail", reason: "accessLogsDisabled" },
  },
  {
    name: "API that routes to no function",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(null, { stage: { accessLogDestinationArn: null } })] }),
    expect: { status: "not_applicable", reason: "noFunctionTargets" },
  },
  {
    name: "routes of the API not read",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { api: { resources: undefined } })] }),
    expect: { status: "unknown", reason: "routesNotRead" },
  },
  {
    name: "stages listing denied in the region",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
