import { defineCheck, describeResourceStatement, fail, FUNCTION_POLICY_REASONS, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-policy-cross-account-manage",
  title: "Function resource policy grants no management actions beyond the account",
  severity: "critical",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "dependency",
  frameworks: {
    nist80053: ["AC-3", "AC-6", "CM-5"],
    owaspServerless: ["SAS-3", "SAS-4"],
    hipaa: ["164.312(a)(1)", "164.312(c)(1)"],
    fsbp: ["Lambda.1"],
  },
  rationale:
    "A resource policy can grant more than invoke: lambda:GetFunction hands out a download link to the " +
    "code, lambda:UpdateFunctionCode lets the grantee replace it and run as the function's role. Granted to " +
    "another account or to everyone, the function's code and permissions belong to them.",
  remediation:
    "Remove every non-invoke statement granted outside the account: Lambda console > function > " +
    "Configuration > Permissions > Resource-based policy statements > Delete, or `aws lambda " +
    "remove-permission --function-name NAME --statement-id SID`.",
  requires: ["lambda:GetPolicy", "lambda:ListAliases"],
  reasons: {
    ...FUNCTION_POLICY_REASONS,
    externalManagementGrant: "{count} statement(s) grant non-invoke actions to principals outside the account.",
    noExternalManagementGrant: "No statement grants non-invoke actions outside the account.",
  },
  evaluate(target, view) {
    const policy = view.functionPolicy(target);
    if (!policy.ok) return policy.result;
    const external = policy.value.statements.filter(
      (statement) => statement.grantsBeyondInvoke && !statement.neutralised && statement.classification !== "own-account" && statement.classification !== "trusted-account" && statement.classification !== "nobody",
    );
    if (external.length > 0) {
      return fail("externalManagementGrant", {
        statements: external.map(describeResourceStatement),
      }, { count: external.length });
    }
    return pass("noExternalManagementGrant", { statementCount: policy.value.statements.length });
  },
});
