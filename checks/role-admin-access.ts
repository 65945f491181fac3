import { defineCheck, describeGrant, fail, pass, ROLE_POLICY_REASONS } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-admin-access",
  title: "Execution role does not have administrator access",
  severity: "critical",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6", "AC-6(1)", "AC-6(10)"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: ["IAM.1"],
    cis: ["4.9", "4.4"],
  },
  rationale:
    "Code running as an administrator role can do anything in the account: a single injection, a " +
    "malicious dependency or a leaked environment credential becomes a full account takeover.",
  remediation:
    "Detach AdministratorAccess (or remove the Action * / NotAction statement) and grant only the actions " +
    "and resources the function uses; IAM Access Analyzer can generate a policy from CloudTrail activity: " +
    "IAM console > Roles > role > Permissions > Remove, or `aws iam detach-role-policy --role-name ROLE " +
    "--policy-arn arn:aws:iam::aws:policy/AdministratorAccess` / `aws iam delete-role-policy --role-name " +
    "ROLE --policy-name POLICY`.",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  limitations: "Service control policies and session policies that may cut the role's permissions are not visible.",
  reasons: {
    ...ROLE_POLICY_REASONS,
    roleIsAdmin: "The role can perform every action in the account.",
    roleNotAdmin: "The role cannot perform every action.",
  },
  evaluate(resource, view) {
    const permissions = view.rolePermissions(resource.role);
    if (!permissions.ok) return permissions.result;
    const analysis = permissions.value;
    if (analysis.isAdmin) {
      return fail("roleIsAdmin", {
        adminReasons: analysis.adminReasons.map((item) => ({ reason: item.reason, grantedBy: item.grant ? describeGrant(item.grant) : null })),
        effectiveActionCount: analysis.effectiveActionCount,
        catalogueSize: analysis.catalogueSize,
      });
    }
    return pass("roleNotAdmin", { effectiveActionCount: analysis.effectiveActionCount, catalogueSize: analysis.catalogueSize });
  },
});
