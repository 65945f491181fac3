import { defineCheck, describeRoute, fail, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-api-route-api-key-only",
  title: "API routes to the function do not rely on an API key alone",
  severity: "medium",
  layer: "customer",
  phase: "trigger",
  frameworks: {
    nist80053: ["IA-2", "IA-5", "AC-3"],
    owaspServerless: ["SAS-2"],
    hipaa: ["164.312(d)"],
    fsbp: ["APIGateway.8"],
  },
  rationale:
    "API keys identify a usage plan; they are long-lived shared strings sent in a header, embedded in " +
    "clients and never rotated by API Gateway. AWS documents that they must not be used for " +
    "authorization: a leaked key opens the route to anyone.",
  remediation:
    "Keep the API key for metering but add a real authorizer (IAM, Cognito, JWT or Lambda): API Gateway " +
    "console > API > Resources > method > Method request > Authorization, then redeploy; or `aws apigateway " +
    "update-method --rest-api-id API --resource-id RES --http-method GET --patch-operations " +
    "op=replace,path=/authorizationType,value=COGNITO_USER_POOLS op=replace,path=/authorizerId,value=AUTH`.",
  requires: ["apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations: "Authentication done inside the function is not visible.",
  reasons: {
    noApiRoutes: "No API Gateway route invokes the function.",
    apiKeyOnly: "{count} API route(s) are protected only by an API key.",
    noApiKeyOnlyRoutes: "No API route to the function relies on an API key alone.",
  },
  evaluate(fn, view) {
    const routes = view.apiRoutesOf(fn);
    if (routes.length === 0) return pass("noApiRoutes");
    const keyOnly = routes.filter((route) => route.authorizationType === "NONE" && route.apiKeyRequired);
    if (keyOnly.length > 0) {
      return fail("apiKeyOnly", { apiKeyOnlyRoutes: keyOnly.map(describeRoute) }, { count: keyOnly.length });
    }
    return pass("noApiKeyOnlyRoutes", { routeCount: routes.length });
  },
});
