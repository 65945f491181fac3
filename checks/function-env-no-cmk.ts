import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-env-no-cmk",
  title: "Function environment variables are encrypted with a customer managed KMS key",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["SC-12", "SC-28(1)"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)"],
    fsbp: [],
    cis: ["4.12"],
  },
  rationale:
    "With the AWS managed key, every principal allowed lambda:GetFunctionConfiguration sees the decrypted " +
    "variables and key use cannot be restricted or audited separately. A customer managed key adds a " +
    "key policy that decides who may decrypt, and CloudTrail records each use.",
  remediation:
    "Create a customer managed KMS key whose policy allows the function's role to decrypt, then set it: " +
    "Lambda console > function > Configuration > Environment variables > Edit > Encryption configuration, " +
    "or `aws lambda update-function-configuration --function-name NAME --kms-key-arn KEY_ARN`.",
  requires: ["lambda:ListFunctions"],
  reasons: {
    environmentNotRead: "The function's environment variables were not read.",
    noEnvironment: "The function has no environment variables.",
    kmsKeyNotRead: "The function's KMS key setting was not read.",
    awsManagedKey: "Environment variables are encrypted only with the AWS managed key.",
    customerManagedKey: "Environment variables are encrypted with a customer managed key.",
  },
  evaluate(fn) {
    if (fn.environment === undefined) return unknown("environmentNotRead");
    if (fn.environment === null || fn.environment.length === 0) return notApplicable("noEnvironment");
    if (fn.kmsKeyArn === undefined) return unknown("kmsKeyNotRead");
    if (fn.kmsKeyArn === null) {
      return fail("awsManagedKey", { kmsKeyArn: null, variableCount: fn.environment.length });
    }
    return pass("customerManagedKey", { kmsKeyArn: fn.kmsKeyArn });
  },
});
