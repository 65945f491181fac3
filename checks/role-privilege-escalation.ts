import { defineCheck, describeEscalationPath, fail, pass, ROLE_POLICY_REASONS } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-privilege-escalation",
  title: "Execution role holds no privilege-escalation path",
  severity: "critical",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6", "AC-6(10)", "AC-2"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
    cis: ["4.4"],
  },
  rationale:
    "Some permissions are administrator access in disguise: writing or attaching policies, creating " +
    "policy versions, creating access keys, rewriting trust policies, or passing a role to new compute " +
    "(Lambda, EC2, Glue, CloudFormation). Code running as the role can use them to grant itself anything.",
  remediation:
    "Remove the IAM write and iam:PassRole + compute-creation permissions from the execution role; if a " +
    "function must manage IAM, scope it to named resources with a permissions boundary: IAM console > Roles > " +
    "role > Permissions > Edit, or `aws iam put-role-permissions-boundary --role-name ROLE " +
    "--permissions-boundary arn:aws:iam::ACCOUNT:policy/lambda-boundary`.",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  limitations:
    "Paths are judged per action and resource. Paths through iam:PassRole, lambda:UpdateFunctionCode/" +
    "UpdateFunctionConfiguration and iam:AttachRolePolicy/PutRolePolicy are judged on their targets when " +
    "the snapshot holds them (the passable roles, the updated functions' roles, the target role's " +
    "permissions boundary); a target it cannot resolve (a role pattern, a role outside the snapshot) keeps " +
    "the path, and the evidence says so. Conditions of Allow statements are reported, not evaluated.",
  reasons: {
    ...ROLE_POLICY_REASONS,
    escalationPath: "The role holds {count} privilege-escalation path(s).",
    noEscalationPath: "The role holds no known privilege-escalation path.",
  },
  evaluate(resource, view) {
    const permissions = view.rolePermissions(resource.role);
    if (!permissions.ok) return permissions.result;
    const analysis = permissions.value;
    if (analysis.privilegeEscalationPaths.length > 0) {
      return fail("escalationPath", {
        paths: analysis.privilegeEscalationPaths.map(describeEscalationPath),
      }, { count: analysis.privilegeEscalationPaths.length });
    }
    const dismissed = analysis.dismissedEscalationPaths;
    return pass("noEscalationPath", dismissed.length === 0 ? {} : { dismissedPaths: dismissed.map(describeEscalationPath) });
  },
});
