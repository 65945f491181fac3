import { defineCheck, fail, pass, unknown } from "../src/engine/check.js";
import { analyseTrustPolicy, describeStatement, PolicyParseError, widestTrustClass } from "../src/policy/index.js";

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
  evaluate(resource, view) {
    const trustPolicy = resource.role.trustPolicy;
    if (trustPolicy === undefined) return unknown("trustPolicyNotRead", "The role's trust policy was not read.");
    let analysis;
    try {
      analysis = analyseTrustPolicy(trustPolicy, { accountId: view.accountId, trustedAccountIds: [...view.settings.trustedAccountIds] });
    } catch (error) {
      if (error instanceof PolicyParseError) return unknown("trustPolicyUnparseable", "The role's trust policy could not be interpreted.", { error: error.message });
      throw error;
    }
    if (analysis.assumableByOtherThanLambda) {
      const statements = analysis.statements
        .filter((statement) => statement.assumeActions.length > 0 && !statement.neutralised && widestTrustClass(statement) !== "lambda-service")
        .map((statement) => ({
          statement: describeStatement(statement.statement),
          principals: statement.principals
            .filter((principal) => principal.neutralisedBy === null && principal.classification !== "lambda-service")
            .map((principal) => ({
              principal: principal.principal === null ? "NotPrincipal" : `${principal.principal.type}:${principal.principal.value}`,
              classification: principal.classification,
            })),
          requiresExternalId: statement.requiresExternalId,
        }));
      const reason = analysis.isPubliclyAssumable
        ? "trustPublic"
        : analysis.crossAccountPrincipals.length > 0 || analysis.unscopedFederatedPrincipals.length > 0
          ? "trustCrossAccount"
          : "trustBeyondLambda";
      return fail(reason, "Principals other than the Lambda service can assume the execution role.", {
        crossAccountPrincipals: analysis.crossAccountPrincipals,
        trustedAccountPrincipals: analysis.trustedAccountPrincipals,
        ownAccountPrincipals: analysis.ownAccountPrincipals,
        otherServicePrincipals: analysis.otherServicePrincipals,
        federatedPrincipals: analysis.federatedPrincipals,
        statements,
      });
    }
    return pass("trustLambdaOnly", "Only lambda.amazonaws.com can assume the role.");
  },
});
