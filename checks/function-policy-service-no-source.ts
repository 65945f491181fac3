import { defineCheck, fail, pass } from "../src/engine/check.js";
import { describeResourceStatement, analysedFunctionPolicyOr } from "../src/engine/lookups/resource-policy.js";

export default defineCheck({
  id: "function-policy-service-no-source",
  title: "Service principals may invoke the function only from named sources",
  severity: "high",
  layer: "customer",
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
  requires: ["lambda:GetPolicy"],
  evaluate(fn, view) {
    const policy = analysedFunctionPolicyOr(fn, view);
    if ("result" in policy) return policy.result;
    const lookup = policy;
    const { summary } = lookup.analysis;
    if (summary.unscopedServicePrincipals.length > 0) {
      const statements = lookup.analysis.statements.filter(
        (statement) => statement.grantsInvoke && !statement.neutralised && statement.principals.some((p) => p.neutralisedBy === null && p.classification === "service-no-source"),
      );
      return fail("serviceWithoutSourceCondition", `Service principals can invoke the function from any source: ${summary.unscopedServicePrincipals.join(", ")}.`, {
        unscopedServicePrincipals: summary.unscopedServicePrincipals,
        statements: statements.map(describeResourceStatement),
      });
    }
    return pass("servicePrincipalsScoped", "Every service principal grant names its source.", { statementCount: lookup.analysis.statements.length });
  },
});
