import { defineCheck, describeResourceStatement, fail, FUNCTION_POLICY_REASONS, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-policy-service-no-source",
  title: "Service principals may invoke the function only from named sources",
  severity: "high",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-3", "IA-9"],
    owaspServerless: ["SAS-2", "SAS-3"],
    hipaa: ["164.312(a)(1)"],
    fsbp: ["Lambda.1"],
  },
  rationale:
    "A grant to an AWS service principal (s3.amazonaws.com, sns.amazonaws.com, events.amazonaws.com...) " +
    "without aws:SourceArn or aws:SourceAccount lets that service invoke the function on behalf of any " +
    "customer's resource: another account's bucket or topic can send it events (the confused deputy).",
  remediation:
    "Re-create the permission with the source: `aws lambda remove-permission --function-name NAME " +
    "--statement-id SID` then `aws lambda add-permission --function-name NAME --statement-id s3-invoke " +
    "--action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn arn:aws:s3:::BUCKET " +
    "--source-account ACCOUNT` (Lambda console > function > Configuration > Permissions > Resource-based " +
    "policy statements > Add permissions > AWS service, with Source ARN).",
  requires: ["lambda:GetPolicy", "lambda:ListAliases"],
  reasons: {
    ...FUNCTION_POLICY_REASONS,
    serviceWithoutSourceCondition: "Service principals can invoke the function from any source: {principals}.",
    servicePrincipalsScoped: "Every service principal grant names its source.",
  },
  evaluate(target, view) {
    const policy = view.functionPolicy(target);
    if (!policy.ok) return policy.result;
        const { summary } = policy.value;
    if (summary.unscopedServicePrincipals.length > 0) {
      const statements = policy.value.statements.filter(
        (statement) => statement.grantsInvoke && !statement.neutralised && statement.principals.some((p) => p.neutralisedBy === null && p.classification === "service-no-source"),
      );
      return fail("serviceWithoutSourceCondition", {
        unscopedServicePrincipals: summary.unscopedServicePrincipals,
        statements: statements.map(describeResourceStatement),
      }, { principals: summary.unscopedServicePrincipals.join(", ") });
    }
    return pass("servicePrincipalsScoped", { statementCount: policy.value.statements.length });
  },
});
