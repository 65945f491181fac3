import { defineCheck, describeCapability, fail, pass, ROLE_POLICY_REASONS } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-data-exfiltration-wildcard",
  title: "Execution role cannot read data stores and secrets on every resource",
  severity: "high",
  layer: "customer",
  phase: "output",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6", "AC-4", "SC-28"],
    owaspServerless: ["SAS-4", "SAS-7"],
    hipaa: ["164.312(a)(1)", "164.312(e)(1)"],
    fsbp: [],
    cis: ["4.4"],
  },
  rationale:
    "s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt, DynamoDB reads and " +
    "similar on Resource * let code running as the function read every bucket, secret, parameter and table " +
    "in the account, not just its own: one compromised function leaks the whole account's data.",
  remediation:
    "Scope each read action to the ARNs of the resources the function owns (bucket/prefix, secret ARN, " +
    "parameter path, table ARN, key ARN): IAM console > Roles > role > Permissions > policy > Edit, or `aws " +
    "iam put-role-policy --role-name ROLE --policy-name data-access --policy-document file://scoped-reads.json`.",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  limitations: "Resource policies (bucket, key, secret policies) that may still deny the read are not evaluated.",
  reasons: {
    ...ROLE_POLICY_REASONS,
    dataReadOnAnyResource: "The role can read data on every resource with: {actions}.",
    dataReadsScoped: "The role's data and secret reads are limited to named resources.",
  },
  evaluate(resource, view) {
    const permissions = view.rolePermissions(resource.role);
    if (!permissions.ok) return permissions.result;
    const analysis = permissions.value;
    if (analysis.dataExfiltrationOnAnyResource.length > 0) {
      const actions = analysis.dataExfiltrationOnAnyResource.map((item) => item.action);
      return fail("dataReadOnAnyResource", {
        capabilities: analysis.dataExfiltrationOnAnyResource.map(describeCapability),
      }, { actions: actions.join(", ") });
    }
    return pass("dataReadsScoped");
  },
});
