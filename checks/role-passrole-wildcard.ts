import { defineCheck, describeGrant, fail, pass, ROLE_POLICY_REASONS } from "../src/engine/check-kit.js";
import { describeScope } from "../src/policy/index.js";

export default defineCheck({
  id: "role-passrole-wildcard",
  title: "Execution role cannot pass any role",
  severity: "high",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6", "AC-6(10)", "AC-3"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
    cis: ["4.4"],
  },
  rationale:
    "iam:PassRole on Resource * (or on every role of the account, arn:aws:iam::ACCOUNT:role/*) lets the " +
    "function hand any role in the account, including administrator roles, to a new Lambda function, EC2 " +
    "instance, Glue job or CloudFormation stack, and so run code with that role's permissions.",
  remediation:
    "Limit iam:PassRole to the ARNs of the roles the function really passes, with an iam:PassedToService " +
    "condition: IAM console > Roles > role > Permissions > policy > Edit, or `aws iam put-role-policy " +
    "--role-name ROLE --policy-name pass-role --policy-document file://pass-role-scoped.json`.",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  reasons: {
    ...ROLE_POLICY_REASONS,
    passRoleOnAnyRole: "The role can pass any role to an AWS service.",
    passRoleScoped: "The role {whatItCanPass}.",
  },
  evaluate(resource, view) {
    const permissions = view.rolePermissions(resource.role);
    if (!permissions.ok) return permissions.result;
    const analysis = permissions.value;
    if (analysis.passRoleOnAnyResource.length > 0) {
      return fail("passRoleOnAnyRole", {
        grantedBy: analysis.passRoleOnAnyResource.map(describeGrant),
        everyRoleIn: [...new Set(analysis.passRoleScopes.map(describeScope))],
      });
    }
    return pass("passRoleScoped", {}, { whatItCanPass: analysis.isAllowed("iam:PassRole") ? "can pass only named roles" : "cannot pass roles" });
  },
});
