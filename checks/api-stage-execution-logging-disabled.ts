import { defineCheck, fail, notApplicable, pass, STAGE_SCOPE_REASONS, stageEvidence, unknown } from "../src/engine/check-kit.js";

const LOGGING_ON = new Set(["ERROR", "INFO"]);

export default defineCheck({
  id: "api-stage-execution-logging-disabled",
  title: "REST API stage in front of functions has execution logging on",
  severity: "low",
  layer: "shared",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["AU-2", "AU-12", "SI-4"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["APIGateway.1"],
  },
  rationale:
    "Execution logs record authorizer decisions, integration errors and throttling inside API Gateway; " +
    "without them a failed or abused authorization in front of a function leaves no trace.",
  remediation:
    "API Gateway console > API > Stages > stage > Logs and tracing > Edit > CloudWatch logs: Errors only " +
    "or Errors and info logs, or `aws apigateway update-stage --rest-api-id API --stage-name STAGE " +
    "--patch-operations 'op=replace,path=/*/*/logging/loglevel,value=ERROR'` (the account needs a " +
    "CloudWatch role set in API Gateway settings).",
  requires: ["apigateway:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations:
    "HTTP APIs have no execution logs (see api-stage-access-logs-disabled). WebSocket stage route " +
    "settings are not in the snapshot yet, so WebSocket stages are reported unknown.",
  reasons: {
    ...STAGE_SCOPE_REASONS,
    websocketRouteSettingsNotRead: "WebSocket stage logging settings are not collected.",
    httpApiHasNoExecutionLogs: "HTTP APIs do not have execution logging.",
    executionLoggingOff: "Execution logging is off for the stage.",
    executionLoggingOn: "Execution logging is on at level {loggingLevel}.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") {
      if (stage.api.protocolType === "WEBSOCKET") {
        return unknown("websocketRouteSettingsNotRead", stageEvidence(stage));
      }
      return notApplicable("httpApiHasNoExecutionLogs", stageEvidence(stage));
    }
    const loggingLevel = stage.stage.methodSettings["*/*"]?.loggingLevel ?? "OFF";
    const evidence = { ...stageEvidence(stage), "methodSettings.*/*.loggingLevel": loggingLevel };
    if (!LOGGING_ON.has(loggingLevel)) return fail("executionLoggingOff", evidence);
    return pass("executionLoggingOn", evidence, { loggingLevel: loggingLevel });
  },
});
