import { defineCheck, fail, inlineSecrets, pass, STAGE_SCOPE_REASONS, stageEvidence, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "api-stage-variables-secret-plaintext",
  title: "API stage variables hold no credentials",
  severity: "high",
  layer: "customer",
  phase: "output",
  resourceType: "apiStage",
  frameworks: {
    nist80053: ["IA-5(7)", "SC-28"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)"],
    fsbp: [],
  },
  rationale:
    "Stage variables are plain configuration: anyone with apigateway:GET on the API reads them, and they " +
    "are copied into deployments, exports and logs. A credential there is a credential shared with every " +
    "reader of the account's configuration.",
  remediation:
    "Move the secret to AWS Secrets Manager or SSM Parameter Store, read it from the function, rotate it, " +
    "and delete the variable: API Gateway console > API > Stages > stage > Stage variables, or `aws " +
    "apigateway update-stage --rest-api-id API --stage-name STAGE --patch-operations " +
    "op=remove,path=/variables/NAME` (HTTP: `aws apigatewayv2 update-stage --api-id API --stage-name STAGE " +
    "--stage-variables NAME=`).",
  requires: ["apigateway:GetStages", "apigatewayv2:GetStages", "apigateway:GetResources", "apigatewayv2:GetRoutes"],
  limitations:
    "Detection relies on the collector's credential classification of each value and on the variable's name " +
    "(the same rules as for environment variables, docs/secrets.md); custom secret formats may be missed.",
  reasons: {
    ...STAGE_SCOPE_REASONS,
    variablesNotRead: "The stage variables were not read.",
    secretInStageVariable: "{count} stage variable(s) hold a credential.",
    secretNamedVariable: "{count} stage variable(s) are named as secrets and hold an inline value.",
    noSecretsInStageVariables: "No stage variable holds a recognised credential.",
  },
  evaluate(stage, view) {
    const outOfScope = view.stageOutOfScope(stage);
    if (outOfScope) return outOfScope;
    const variables = stage.stage.variables;
    if (variables === undefined) return unknown("variablesNotRead", stageEvidence(stage));
    const { recognised, namedAsSecret } = inlineSecrets(variables);
    if (recognised.length > 0) return fail("secretInStageVariable", { ...stageEvidence(stage), variables: recognised }, { count: recognised.length });
    if (namedAsSecret.length > 0) return fail("secretNamedVariable", { ...stageEvidence(stage), variables: namedAsSecret }, { count: namedAsSecret.length });
    return pass("noSecretsInStageVariables", { ...stageEvidence(stage), variableCount: variables.length });
  },
});
