import { defineCheck, fail, notApplicable, pass, STAGE_SCOPE_REASONS, stageEvidence } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-data-trace-enabled",
  title: "REST API stage does not log full request and response bodies",
  severity: "medium",
  layer: "customer",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["AU-3(3)", "AU-9", "SC-28"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "Data tracing ('Log full requests/responses data') writes every request and response body, including " +
    "tokens, passwords and personal data sent to or returned by the function, into CloudWatch Logs where " +
    "everyone with logs read access sees them. AWS advises against it in production.",
  remediation:
    "API Gateway console > API > Stages > stage > Logs and tracing > Edit > clear 'Data tracing', or `aws " +
    "apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations " +
    "'op=replace,path=/*/*/logging/dataTrace,value=false'` (and any per-method override).",
  requires: ["apigateway:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  reasons: {
    ...STAGE_SCOPE_REASONS,
    notRestApi: "HTTP APIs have no data tracing.",
    dataTraceEnabled: "Full request and response logging is on for {methods}.",
    dataTraceDisabled: "Full request and response logging is off.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    if (stage.kind === "http") return notApplicable("notRestApi", stageEvidence(stage));
    const traced = Object.entries(stage.stage.methodSettings)
      .filter(([, settings]) => settings.dataTraceEnabled === true)
      .map(([path]) => path);
    const evidence = { ...stageEvidence(stage), dataTraceEnabledPaths: traced };
    if (traced.length > 0) return fail("dataTraceEnabled", evidence, { methods: traced.join(", ") });
    return pass("dataTraceDisabled", evidence);
  },
});
