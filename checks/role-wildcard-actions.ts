import { defineCheck, describeGrant, fail, pass, ROLE_POLICY_REASONS } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-wildcard-actions",
  title: "Execution role grants no wildcard (service:*) actions",
  severity: "high",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: ["IAM.21"],
    cis: ["4.4"],
  },
  rationale:
    "Action `*` or `service:*` grants every current and future action of the service, including the " +
    "destructive and permission-changing ones (s3:PutBucketPolicy, dynamodb:DeleteTable, kms:ScheduleKeyDeletion) " +
    "that a function almost never needs but an attacker running as it always wants.",
  remediation:
    "Replace each wildcard with the actions the function calls (IAM Access Analyzer > Generate policy uses " +
    "CloudTrail activity): IAM console > Roles > role > Permissions > policy > Edit, or `aws iam " +
    "put-role-policy --role-name ROLE --policy-name POLICY --policy-document file://least-privilege.json`.",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  reasons: {
    ...ROLE_POLICY_REASONS,
    wildcardActions: "The role allows wildcard actions: {patterns}.",
    noWildcardActions: "The role grants no service-wide wildcard action.",
  },
  evaluate(resource, view) {
    const permissions = view.rolePermissions(resource.role);
    if (!permissions.ok) return permissions.result;
    const analysis = permissions.value;
    if (analysis.wildcardActionGrants.length > 0) {
      const patterns = [...new Set(analysis.wildcardActionGrants.map((item) => item.pattern))].sort();
      return fail("wildcardActions", {
        wildcardActions: analysis.wildcardActionGrants.map((item) => ({ pattern: item.pattern, ...describeGrant(item.grant) })),
      }, { patterns: patterns.join(", ") });
    }
    return pass("noWildcardActions");
  },
});
