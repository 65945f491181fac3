import { defineCheck, describeGrant, fail, pass, ROLE_POLICY_REASONS } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-notaction-allow",
  title: "Execution role has no Allow statement built on NotAction",
  severity: "high",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: ["IAM.1"],
  },
  rationale:
    "Allow with NotAction grants everything except the listed actions, including every action AWS adds " +
    "later. `NotAction: iam:*` with Resource * reads as 'no IAM' but grants the rest of the account, and " +
    "most scanners that only look for Action * miss it.",
  remediation:
    "Rewrite the statement as an explicit list of allowed actions: IAM console > Roles > role > Permissions " +
    "> policy > Edit, or `aws iam create-policy-version --policy-arn POLICY_ARN --policy-document " +
    "file://explicit-actions.json --set-as-default` (inline: `aws iam put-role-policy`).",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  reasons: {
    ...ROLE_POLICY_REASONS,
    notActionAllow: "{count} Allow statement(s) use NotAction.",
    noNotActionAllow: "No Allow statement of the role uses NotAction.",
  },
  evaluate(resource, view) {
    const permissions = view.rolePermissions(resource.role);
    if (!permissions.ok) return permissions.result;
    const analysis = permissions.value;
    if (analysis.notActionAllows.length > 0) {
      return fail("notActionAllow", {
        statements: analysis.notActionAllows.map((item) => ({ notActions: item.notActions, allowedActionCount: item.allowedActionCount, ...describeGrant(item.grant) })),
      }, { count: analysis.notActionAllows.length });
    }
    return pass("noNotActionAllow");
  },
});
