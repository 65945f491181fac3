import check from "../../checks/api-stage-waf-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "web ACL associated", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "webAclAssociated" } },
  {
    name: "no web ACL",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { webAclArn: null } })] }),
    expect: { status: "fail", reason: "noWebAcl", evidence: { webAclArn: null } },
  },
  {
    name: "private API",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { webAclArn: null }, api: { endpointTypes: ["PRIVATE"] } })] }),
    expect: { status: "not_applicable", reason: "privateApi" },
  },
  { name: "HTTP API", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "not_applicable", reason: "wafNotSupported" } },
  {
    name: "stages not readable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
