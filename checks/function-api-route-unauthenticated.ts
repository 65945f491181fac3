import { type ApiRouteTrigger, defineCheck, describeRoute, fail, pass } from "../src/engine/check-kit.js";

/** CORS preflight (OPTIONS) must be answerable without credentials, so it is not judged here. */
function isPreflight(route: ApiRouteTrigger): boolean {
  return route.kind === "rest" ? route.httpMethod === "OPTIONS" : route.routeKey.startsWith("OPTIONS ");
}

/** A private REST API is reachable only through VPC interface endpoints its resource policy names. */
function isPrivateRestApi(route: ApiRouteTrigger): boolean {
  return route.kind === "rest" && (route.api.endpointTypes ?? []).includes("PRIVATE");
}

export default defineCheck({
  id: "function-api-route-unauthenticated",
  title: "API Gateway routes to the function require authorization",
  severity: "high",
  layer: "customer",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-3", "IA-2", "SC-7"],
    owaspServerless: ["SAS-2"],
    hipaa: ["164.312(a)(1)", "164.312(d)"],
    fsbp: ["APIGateway.8"],
  },
  rationale:
    "A REST method or HTTP API route with authorization NONE (and, for REST, no API key) lets anyone who " +
    "finds the endpoint invoke the function with any payload: the function's code becomes the only " +
    "authentication, input validation and cost control.",
  remediation:
    "Attach an IAM, Cognito, JWT or Lambda authorizer to the route: API Gateway console > API > Routes " +
    "(HTTP) or Resources > method > Method request (REST) > Authorization, then redeploy; e.g. `aws " +
    "apigatewayv2 update-route --api-id API --route-id ROUTE --authorization-type JWT --authorizer-id AUTH` " +
    "or `aws apigateway update-method --rest-api-id API --resource-id RES --http-method POST " +
    "--patch-operations op=replace,path=/authorizationType,value=AWS_IAM`.",
  requires: ["apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations:
    "Authentication done inside the function or by a CloudFront/WAF layer in front of the API is not " +
    "visible. OPTIONS (CORS preflight) routes and methods of private REST APIs are not judged. An API " +
    "that could not be read turns a pass into unknown.",
  reasons: {
    noApiRoutes: "No API Gateway route invokes the function.",
    routeWithoutAuthorization: "{count} API route(s) invoke the function without any authorization.",
    routesAuthorized: "All {count} API route(s) invoking the function require authorization.",
  },
  evaluate(fn, view) {
    const routes = view.apiRoutesOf(fn);
    if (routes.length === 0) return pass("noApiRoutes");
    const open = routes.filter(
      (route) => route.authorizationType === "NONE" && !route.apiKeyRequired && !isPreflight(route) && !isPrivateRestApi(route),
    );
    if (open.length > 0) {
      return fail("routeWithoutAuthorization", {
        unauthenticatedRoutes: open.map(describeRoute),
      }, { count: open.length });
    }
    return pass("routesAuthorized", {
      routes: routes.map(describeRoute),
    }, { count: routes.length });
  },
});
