import { defineCheck, fail, pass } from "../src/engine/check.js";
import { analysedRoleOrUnknown, describeGrant, isCheckResult } from "../src/engine/lookups/role-permissions.js";

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
    "iam:PassRole on Resource * lets the function hand any role in the account, including administrator " +
    "roles, to a new Lambda function, EC2 instance, Glue job or CloudFormation stack, and so run code with " +
    "that role's permissions.",
  remediation:
    "Limit iam:PassRole to the ARNs of the roles the function really passes, with an iam:PassedToService " +
    "condition: IAM console > Roles > role > Permissions > policy > Edit, or `aws iam put-role-policy " +
    "--role-name ROLE --policy-name pass-role --policy-document file://pass-role-scoped.json`.",
  requires: ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetPolicyVersion", "iam:ListRolePolicies", "iam:GetRolePolicy"],
  evaluate(resource, view) {
    const analysis = analysedRoleOrUnknown(view, resource.role);
    if (isCheckResult(analysis)) return analysis;
    if (analysis.passRoleOnAnyResource.length > 0) {
      return fail("passRoleOnAnyRole", "The role can pass any role to an AWS service.", { grantedBy: analysis.passRoleOnAnyResource.map(describeGrant) });
    }
    return pass("passRoleScoped", analysis.isAllowed("iam:PassRole") ? "The role can pass only named roles." : "The role cannot pass roles.");
  },
});
