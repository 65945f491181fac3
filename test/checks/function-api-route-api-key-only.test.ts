import check from "../../checks/function-api-route-api-key-only.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "no API routes", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "pass", reason: "noApiRoutes" } },
  {
    name: "API key plus an authorizer",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { method: { authorizationType: "COGNITO_USER_POOLS", authorizerId: "c1", apiKeyRequired: true } })] }),
    expect: { status: "pass", reason: "noApiKeyOnlyRoutes" },
  },
  {
    name: "API key alone",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { method: { authorizationType: "NONE", apiKeyRequired: true } })] }),
    expect: { status: "fail", reason: "apiKeyOnly", evidence: { apiKeyOnlyRoutes: [{ apiKeyRequired: true, authorizationType: "NONE" }] } },
  },
  {
    name: "API routes not readable",
    snapshot: snapshotWith({ functions: [fn], gaps: [gap("apigatewayv2", "GetRoutes", { resourceArn: "arn:aws:apigateway:eu-west-1::/apis/x" })] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
