import { CAPACITY_PROVIDER_REASONS, defineCheck, fail, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-capacity-provider-no-cmk",
  title: "Function's capacity provider encrypts its resources with a customer managed KMS key",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["SC-12", "SC-28(1)"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)"],
    fsbp: [],
  },
  rationale:
    "A capacity provider's KMS key encrypts \"the capacity provider's resources\" (the instances' volumes that " +
    "hold the function's code, environment and whatever it writes to disk). Without a customer managed key, " +
    "key use cannot be limited by a key policy, audited per use, or revoked.",
  remediation:
    "Create a customer managed key whose policy lets the operator role use it, then create the capacity " +
    "provider with it (the key is set at creation) and move the functions: Lambda console > Capacity " +
    "providers > Create > Encryption, or `aws lambda create-capacity-provider --capacity-provider-name NAME " +
    "--kms-key-arn KEY_ARN --vpc-config SubnetIds=...,SecurityGroupIds=... --permissions-config " +
    "CapacityProviderOperatorRoleArn=ROLE_ARN`.",
  requires: ["lambda:ListFunctions", "lambda:GetCapacityProvider"],
  limitations: "Source: https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProvider.html (KmsKeyArn, retrieved 2026-11-30).",
  reasons: {
    ...CAPACITY_PROVIDER_REASONS,
    providerWithoutCmk: "The capacity provider {capacityProviderName} has no customer managed KMS key.",
    providerWithCmk: "The capacity provider encrypts its resources with a customer managed KMS key.",
  },
  evaluate(fn, view) {
    const provider = view.surface.capacityProviderOf(fn);
    if (!provider.ok) return provider.result;
    const evidence = { capacityProviderArn: provider.value.arn, kmsKeyArn: provider.value.kmsKeyArn };
    if (provider.value.kmsKeyArn === null) return fail("providerWithoutCmk", evidence, { capacityProviderName: provider.value.name });
    return pass("providerWithCmk", evidence);
  },
});
