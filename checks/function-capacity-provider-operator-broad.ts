import { OPERATOR_POLICY_AS_OF, OPERATOR_POLICY_NAME, OPERATOR_POLICY_SOURCE } from "../src/data/capacity-provider-operator.js";
import { comparePermissions } from "../src/policy/index.js";
import { CAPACITY_PROVIDER_REASONS, defineCheck, fail, pass, ROLE_POLICY_REASONS, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-capacity-provider-operator-broad",
  title: "Function's capacity provider operator role holds no more than AWS's managed policy for it",
  severity: "medium",
  layer: "customer",
  phase: "execution",
  frameworks: {
    nist80053: ["AC-6", "AC-6(10)"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "A capacity provider's operator role lets Lambda launch and manage EC2 instances in your account. AWS " +
    `publishes what it needs as the managed policy ${OPERATOR_POLICY_NAME}; anything beyond it is power that ` +
    "whoever can pass or assume the role, or create a capacity provider with it, also gets.",
  remediation:
    `Attach only ${OPERATOR_POLICY_NAME} to the operator role and remove the other policies: IAM console > ` +
    "Roles > role > Permissions, or `aws iam attach-role-policy --role-name ROLE --policy-arn " +
    "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator` then `aws iam detach-role-policy " +
    "--role-name ROLE --policy-arn EXTRA_POLICY_ARN` / `aws iam delete-role-policy --role-name ROLE " +
    "--policy-name INLINE_POLICY`.",
  requires: [
    "lambda:ListFunctions",
    "lambda:GetCapacityProvider",
    "iam:GetRole",
    "iam:ListAttachedRolePolicies",
    "iam:GetPolicyVersion",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
  ],
  limitations:
    `Compared, per action and resource, with a copy of ${OPERATOR_POLICY_NAME} as of ${OPERATOR_POLICY_AS_OF} ` +
    `(${OPERATOR_POLICY_SOURCE}); conditions on Allows are not compared. A newer version AWS publishes may ` +
    "hold more than that copy.",
  reasons: {
    ...CAPACITY_PROVIDER_REASONS,
    ...ROLE_POLICY_REASONS,
    operatorRoleNotNamed: "The capacity provider names no operator role.",
    operatorRoleNotRead: "The operator role {operatorRoleArn} was not read.",
    operatorRoleBeyondManagedPolicy: "The operator role can perform {action} on {resource}, beyond AWS's managed policy for it.",
    operatorRoleWithinManagedPolicy: "The operator role holds no more than AWS's managed policy for it.",
  },
  evaluate(fn, view) {
    const provider = view.surface.capacityProviderOf(fn);
    if (!provider.ok) return provider.result;
    const operatorRoleArn = provider.value.operatorRoleArn;
    if (!operatorRoleArn) return unknown("operatorRoleNotNamed", { capacityProviderArn: provider.value.arn });
    const role = view.role(operatorRoleArn);
    if (!role) return unknown("operatorRoleNotRead", { capacityProviderArn: provider.value.arn, operatorRoleArn });
    const permissions = view.rolePermissions(role);
    if (!permissions.ok) return permissions.result;
    const comparison = comparePermissions(permissions.value, view.surface.operatorPolicyReference());
    const evidence = { capacityProviderArn: provider.value.arn, operatorRoleArn, attachedPolicyArns: role.attachedPolicyArns ?? [] };
    if (!comparison.holdsNoMore && comparison.firstExtra) {
      return fail("operatorRoleBeyondManagedPolicy", { ...evidence, beyondManagedPolicy: comparison.firstExtra }, { action: comparison.firstExtra.action, resource: comparison.firstExtra.resource });
    }
    return pass("operatorRoleWithinManagedPolicy", evidence);
  },
});
