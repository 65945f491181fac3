import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check.js";
import { stageEvidence, stageOutOfScope } from "../src/engine/lookups/stages.js";

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
  evaluate(stage, view) {
    const outOfScope = stageOutOfScope(stage, view);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") {
      if (stage.api.protocolType === "WEBSOCKET") {
        return unknown("websocketRouteSettingsNotRead", "WebSocket stage logging settings are not collected.", stageEvidence(stage));
      }
      return notApplicable("httpApiHasNoExecutionLogs", "HTTP APIs do not have execution logging.", stageEvidence(stage));
    }
    const loggingLevel = stage.stage.methodSettings["*/*"]?.loggingLevel ?? "OFF";
    const evidence = { ...stageEvidence(stage), "methodSettings.*/*.loggingLevel": loggingLevel };
    if (!LOGGING_ON.has(loggingLevel)) return fail("executionLoggingOff", "Execution logging is off for the stage.", evidence);
    return pass("executionLoggingOn", `Execution logging is on at level ${loggingLevel}.`, evidence);
  },
});
