import { defineCheck, fail, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-access-logs-disabled",
  title: "API stage in front of functions writes access logs",
  severity: "medium",
  layer: "shared",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["AU-2", "AU-3", "AU-12"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["APIGateway.9"],
  },
  rationale:
    "Access logs are the only record of who called the API (source IP, identity, route, status): " +
    "without them an attack through the API on the functions behind it cannot be reconstructed.",
  remediation:
    "API Gateway console > API > Stages > stage > Logs and tracing (REST) or Monitor > Logging (HTTP) > " +
    "enable access logging to a CloudWatch log group, e.g. `aws apigatewayv2 update-stage --api-id API " +
    "--stage-name STAGE --access-log-settings DestinationArn=LOG_GROUP_ARN,Format='$context.requestId " +
    "$context.identity.sourceIp $context.routeKey $context.status'` or `aws apigateway update-stage " +
    "--rest-api-id API --stage-name STAGE --patch-operations " +
    "op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN`.",
  requires: ["apigateway:GetStages", "apigatewayv2:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  reasons: {
    ...STAGE_SCOPE_REASONS,
    accessLogsDisabled: "The stage has no access log destination.",
    accessLogsEnabled: "The stage writes access logs.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    const evidence = { ...stageEvidence(stage), accessLogDestinationArn: stage.stage.accessLogDestinationArn };
    if (stage.stage.accessLogDestinationArn === null) return fail("accessLogsDisabled", evidence);
    return pass("accessLogsEnabled", evidence);
  },
});
