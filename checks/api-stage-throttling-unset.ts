import { defineCheck, fail, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-throttling-unset",
  title: "API stage in front of functions sets its own throttling limits",
  severity: "medium",
  layer: "customer",
  phase: "trigger",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["SC-5", "SC-6"],
    owaspServerless: ["SAS-8"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "Without stage throttling a caller can push the function up to the account-wide API Gateway limit " +
    "(10,000 requests per second by default), exhausting the account's Lambda concurrency for every " +
    "other function and running up the bill (denial of wallet).",
  remediation:
    "Set a default rate and burst limit on the stage sized to expected traffic: API Gateway console > " +
    "API > Stages > stage > Stage details / Throttling (REST), or Protect > Throttling (HTTP); e.g. `aws " +
    "apigatewayv2 update-stage --api-id API --stage-name STAGE --default-route-settings " +
    "ThrottlingBurstLimit=100,ThrottlingRateLimit=50` or `aws apigateway update-stage --rest-api-id API " +
    "--stage-name STAGE --patch-operations 'op=replace,path=/*/*/throttling/rateLimit,value=50' " +
    "'op=replace,path=/*/*/throttling/burstLimit,value=100'`.",
  requires: ["apigateway:GetStages", "apigatewayv2:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations: "Usage-plan throttling on REST APIs (per API key) and per-route overrides of HTTP APIs are not read.",
  reasons: {
    ...STAGE_SCOPE_REASONS,
    throttlingUnset: "The stage sets no throttling limit and inherits the account-wide limit.",
    throttlingSet: "The stage sets its own throttling limits.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    const limits =
      stage.kind === "rest"
        ? {
            rateLimit: stage.stage.methodSettings["*/*"]?.throttlingRateLimit,
            burstLimit: stage.stage.methodSettings["*/*"]?.throttlingBurstLimit,
          }
        : { rateLimit: stage.stage.defaultRouteThrottling?.rateLimit, burstLimit: stage.stage.defaultRouteThrottling?.burstLimit };
    const evidence = { ...stageEvidence(stage), throttlingRateLimit: limits.rateLimit ?? null, throttlingBurstLimit: limits.burstLimit ?? null };
    if (limits.rateLimit === undefined && limits.burstLimit === undefined) {
      return fail("throttlingUnset", evidence);
    }
    return pass("throttlingSet", evidence);
  },
});
