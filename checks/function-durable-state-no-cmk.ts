import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-durable-state-no-cmk",
  title: "Durable function's execution data is encrypted with a customer managed KMS key",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["SC-12", "SC-28(1)", "AC-3"],
    owaspServerless: ["SAS-7"],
    hipaa: ["164.312(a)(2)(iv)"],
    fsbp: [],
  },
  rationale:
    "A durable function keeps its execution data (each invocation's input, the result of every step, " +
    "callback payloads, errors) for its retention period. Lambda always encrypts it, but only with a " +
    "customer managed key in DurableConfig does a key policy decide who can read it: \"With a customer " +
    "managed key, only principals you authorize can read execution data.\" The function's own KMS key " +
    "(environment, package, SnapStart) does not cover it: the two keys are independent.",
  remediation:
    "Set a customer managed key in the function's durable configuration: Lambda console > function > " +
    "Configuration > Durable execution > Edit > Encryption, or `aws lambda update-function-configuration " +
    "--function-name NAME --durable-config KMSKeyArn=KEY_ARN,RetentionPeriodInDays=14` (an execution keeps " +
    "the key it started with).",
  requires: ["lambda:ListFunctions"],
  limitations:
    "Sources: https://docs.aws.amazon.com/lambda/latest/dg/durable-encryption.html and " +
    "https://docs.aws.amazon.com/lambda/latest/api/API_DurableConfig.html (retrieved 2026-11-30). Execution " +
    "data itself is never read (no GetDurableExecution* call).",
  reasons: {
    durableConfigNotRead: "Whether the function is a durable function was not read.",
    notDurable: "The function is not a durable function.",
    durableStateAwsOwnedKey: "The durable function's execution data is encrypted only with an AWS owned key.",
    durableStateCustomerKey: "The durable function's execution data is encrypted with a customer managed key.",
  },
  evaluate(fn) {
    if (fn.durableConfig === undefined) return unknown("durableConfigNotRead");
    if (fn.durableConfig === null) return notApplicable("notDurable");
    const evidence = { "durableConfig.kmsKeyArn": fn.durableConfig.kmsKeyArn, functionKmsKeyArn: fn.kmsKeyArn ?? null };
    if (fn.durableConfig.kmsKeyArn === null) return fail("durableStateAwsOwnedKey", evidence);
    return pass("durableStateCustomerKey", evidence);
  },
});
