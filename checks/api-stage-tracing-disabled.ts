import { defineCheck, fail, notApplicable, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-tracing-disabled",
  title: "REST API stage in front of functions has X-Ray tracing enabled",
  severity: "low",
  layer: "shared",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["AU-12", "SI-4"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["APIGateway.3"],
  },
  rationale:
    "X-Ray tracing on the stage links each API request to the function invocation it caused, so an " +
    "abusive request can be followed from the edge into the function and its downstream calls.",
  remediation:
    "API Gateway console > API > Stages > stage > Logs and tracing > Edit > X-Ray tracing, or `aws " +
    "apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations " +
    "op=replace,path=/tracingEnabled,value=true`.",
  requires: ["apigateway:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations: "HTTP and WebSocket APIs do not support X-Ray tracing and are reported not applicable.",
  reasons: {
    ...STAGE_SCOPE_REASONS,
    tracingNotSupported: "HTTP and WebSocket APIs do not support X-Ray tracing.",
    stageTracingDisabled: "X-Ray tracing is off for the stage.",
    stageTracingEnabled: "X-Ray tracing is on for the stage.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") return notApplicable("tracingNotSupported", stageEvidence(stage));
    const evidence = { ...stageEvidence(stage), tracingEnabled: stage.stage.tracingEnabled };
    if (!stage.stage.tracingEnabled) return fail("stageTracingDisabled", evidence);
    return pass("stageTracingEnabled", evidence);
  },
});
