import { widestTrustClass } from "../src/policy/index.js";
import { defineCheck, describeTrustStatement, fail, pass, TRUST_POLICY_REASONS } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-trust-beyond-lambda",
  title: "Execution role can be assumed only by the Lambda service",
  severity: "high",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-3", "AC-6", "IA-9"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)", "164.312(d)"],
    fsbp: [],
    cis: ["4.4"],
  },
  rationale:
    "Every principal in the trust policy can obtain the function's credentials without touching the " +
    "function. A role trusted by users, other accounts, other services or a federated provider turns the " +
    "function's permissions into theirs, outside every control placed on the function.",
  remediation:
    "Trust only lambda.amazonaws.com (with aws:SourceAccount for defence in depth), and give other " +
    "principals their own roles: IAM console > Roles > role > Trust relationships > Edit trust policy, or " +
    "`aws iam update-assume-role-policy --role-name ROLE --policy-document " +
    "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'`.",
  requires: ["iam:GetRole"],
  reasons: {
    ...TRUST_POLICY_REASONS,
    trustPublic: "Principals other than the Lambda service can assume the execution role.",
    trustCrossAccount: "Principals other than the Lambda service can assume the execution role.",
    trustBeyondLambda: "Principals other than the Lambda service can assume the execution role.",
    trustLambdaOnly: "Only lambda.amazonaws.com can assume the role.",
  },
  evaluate(resource, view) {
    const trust = view.trustPolicy(resource.role);
    if (!trust.ok) return trust.result;
    const analysis = trust.value;
    if (analysis.assumableByOtherThanLambda) {
      const statements = analysis.statements
        .filter((statement) => statement.assumeActions.length > 0 && !statement.neutralised && widestTrustClass(statement) !== "lambda-service")
        .map(describeTrustStatement);
      const reason = analysis.isPubliclyAssumable
        ? "trustPublic"
        : analysis.crossAccountPrincipals.length > 0 || analysis.unscopedFederatedPrincipals.length > 0
          ? "trustCrossAccount"
          : "trustBeyondLambda";
      return fail(reason, {
        crossAccountPrincipals: analysis.crossAccountPrincipals,
        trustedAccountPrincipals: analysis.trustedAccountPrincipals,
        ownAccountPrincipals: analysis.ownAccountPrincipals,
        otherServicePrincipals: analysis.otherServicePrincipals,
        federatedPrincipals: analysis.federatedPrincipals,
        statements,
      });
    }
    return pass("trustLambdaOnly");
  },
});
