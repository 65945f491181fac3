import check from "../../checks/function-api-route-unauthenticated.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "no API routes", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "pass", reason: "noApiRoutes" } },
  { name: "REST method with IAM auth", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "pass", reason: "routesAuthorized" } },
  {
    name: "REST method NONE but API key required is not judged here",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { method: { authorizationType: "NONE", apiKeyRequired: true } })] }),
    expect: { status: "pass", reason: "routesAuthorized" },
  },
  {
    name: "OPTIONS preflight without auth",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { method: { httpMethod: "OPTIONS", authorizationType: "NONE" } })] }),
    expect: { status: "pass", reason: "routesAuthorized" },
  },
  {
    name: "private REST API without auth",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { method: { authorizationType: "NONE" }, api: { endpointTypes: ["PRIVATE"] } })] }),
    expect: { status: "pass", reason: "routesAuthorized" },
  },
  {
    name: "REST method without auth",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { method: { authorizationType: "NONE" } })] }),
    expect: { status: "fail", reason: "routeWithoutAuthorization", evidence: { unauthenticatedRoutes: [{ apiId: "rest1", httpMethod: "POST", resourcePath: "/orders" }] } },
  },
  {
    name: "HTTP route without auth",
    snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn, { route: { authorizationType: "NONE", authorizerId: null } })] }),
    expect: { status: "fail", reason: "routeWithoutAuthorization", evidence: { unauthenticatedRoutes: [{ routeKey: "POST /items" }] } },
  },
  {
    name: "an API in the region could not be read",
    snapshot: snapshotWith({ functions: [fn], gaps: [gap("apigateway", "GetResources", { resourceArn: "arn:aws:apigateway:eu-west-1::/restapis/other" })] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
