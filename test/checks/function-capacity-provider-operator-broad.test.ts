import check from "../../checks/function-capacity-provider-operator-broad.js";
import { OPERATOR_POLICY_ARN, OPERATOR_POLICY_DOCUMENT, OPERATOR_POLICY_NAME } from "../../src/data/capacity-provider-operator.js";
import type { ManagedPolicy } from "../../src/snapshot/schema.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { capacityProvider, inlineAllow, LAMBDA_TRUST, onProvider, OPERATOR_ROLE_ARN } from "./builders.js";

const OPERATOR_POLICY: ManagedPolicy = { arn: OPERATOR_POLICY_ARN, name: OPERATOR_POLICY_NAME, awsManaged: true, defaultVersionId: "v1", document: structuredClone(OPERATOR_POLICY_DOCUMENT) };
const operator = (inlinePolicies: { name: string; document: Record<string, unknown> }[] = []) => ({
  arn: OPERATOR_ROLE_ARN,
  name: "provider-operator",
  trustPolicy: LAMBDA_TRUST,
  attachedPolicyArns: [OPERATOR_POLICY_ARN],
  inlinePolicies,
  permissionsBoundaryArn: null,
});
const withOperator = (role: ReturnType<typeof operator> | null, policy: ManagedPolicy = OPERATOR_POLICY) =>
  snapshotWith({ functions: [secureFunction(onProvider())], capacityProviders: [capacityProvider()], roles: role ? [role] : [], managedPolicies: [policy] });

describeCheckCases(check, [
  { name: "only AWS's managed policy", snapshot: withOperator(operator()), expect: { status: "pass", reason: "operatorRoleWithinManagedPolicy" } },
  {
    name: "an extra inline grant",
    snapshot: withOperator(operator([inlineAllow("extra", { Action: "s3:GetObject", Resource: "*" })])),
    expect: { status: "fail", reason: "operatorRoleBeyondManagedPolicy", evidence: { beyondManagedPolicy: { action: "s3:GetObject" } } },
  },
  { name: "operator role not read", snapshot: withOperator(null), expect: { status: "unknown", reason: "operatorRoleNotRead" } },
  { name: "managed policy document not read", snapshot: withOperator(operator(), { ...OPERATOR_POLICY, document: undefined }), expect: { status: "unknown", reason: "policiesNotRead" } },
  { name: "not on a provider", snapshot: snapshotWith({ functions: [secureFunction({ capacityProviderConfig: null })] }), expect: { status: "not_applicable", reason: "notOnCapacityProvider" } },
]);
