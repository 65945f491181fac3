import { defineCheck, describeResourceStatement, fail, FUNCTION_POLICY_REASONS, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-policy-public-invoke",
  title: "Function resource policy does not let everyone invoke it",
  severity: "critical",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-3", "AC-21", "SC-7"],
    owaspServerless: ["SAS-2", "SAS-3"],
    hipaa: ["164.312(a)(1)", "164.312(d)"],
    fsbp: ["Lambda.1"],
    cis: ["4.6"],
  },
  rationale:
    "A statement that allows lambda:InvokeFunction (or InvokeFunctionUrl) to Principal * without a " +
    "condition that pins the caller's account, organisation, source ARN or network lets any AWS account " +
    "(and, through a URL with AuthType NONE, anyone on the internet) run the function with any payload, " +
    "at your cost.",
  remediation:
    "Remove the statement and grant invoke only to the principal that needs it, with aws:SourceArn / " +
    "aws:SourceAccount for services: Lambda console > function > Configuration > Permissions > " +
    "Resource-based policy statements > Delete, or `aws lambda remove-permission --function-name NAME " +
    "--statement-id SID`, then `aws lambda add-permission --function-name NAME --statement-id " +
    "apigw-invoke --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn " +
    "arn:aws:execute-api:REGION:ACCOUNT:API/*`.",
  requires: ["lambda:GetPolicy", "lambda:ListAliases"],
  limitations:
    "Judged for the function and for each alias and version an alias points to (each has a policy of its " +
    "own); versions no alias points to are not read. Service " +
    "control policies and resource control policies that may block the call are not visible. Through a " +
    "function URL, lambda:InvokeFunctionUrl alone counts as public only under the dated rule that allows " +
    "it (URLs from before October 2025 until 2026-11-01, and after that while enforcement is unconfirmed); " +
    "the evidence names the rule.",
  reasons: {
    ...FUNCTION_POLICY_REASONS,
    publicInvokeViaFunctionUrl: "The resource policy lets anyone invoke the function through its unauthenticated function URL.",
    publicInvoke: "The resource policy lets any principal invoke the function.",
    notPubliclyInvokable: "No statement of the resource policy lets everyone invoke the function.",
  },
  evaluate(target, view) {
    const policy = view.functionPolicy(target);
    if (!policy.ok) return policy.result;
    const publicStatements = policy.value.statements.filter((statement) => statement.grantsInvoke && !statement.neutralised && statement.classification === "public");
    if (publicStatements.length > 0) {
      const { isPubliclyInvokableViaFunctionUrl: viaUrl, functionUrl } = policy.value.summary;
      const rule = { id: functionUrl.rule.rule.id, summary: functionUrl.rule.rule.summary, urlPermissionAlone: functionUrl.rule.urlPermissionAlone, assumptions: functionUrl.rule.assumptions, source: functionUrl.rule.rule.source.url };
      return fail(viaUrl ? "publicInvokeViaFunctionUrl" : "publicInvoke", { statements: publicStatements.map(describeResourceStatement), ...(viaUrl ? { functionUrlRule: rule } : {}) });
    }
    return pass("notPubliclyInvokable", {
      statementCount: policy.value.statements.length,
    });
  },
});
