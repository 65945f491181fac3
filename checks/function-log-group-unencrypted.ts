import { defineCheck, loggingDefaultsEvidence, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-log-group-unencrypted",
  title: "Function's log group is encrypted with a KMS key",
  severity: "low",
  layer: "shared",
  phase: "output",
  frameworks: {
    nist80053: ["AU-9", "SC-28", "SC-28(1)"],
    owaspServerless: ["SAS-5", "SAS-7"],
    hipaa: ["164.312(a)(2)(iv)", "164.312(b)"],
    fsbp: [],
  },
  rationale:
    "Function logs often contain personal data and tokens. With a KMS key, reading them requires " +
    "kms:Decrypt under a key policy you control, and every decryption is in CloudTrail; without one, " +
    "logs:GetLogEvents alone is enough.",
  remediation:
    "Allow CloudWatch Logs to use a customer managed key in its key policy, then associate it: `aws logs " +
    "associate-kms-key --log-group-name /aws/lambda/NAME --kms-key-id KEY_ARN` (or set the KMS key ARN when " +
    "creating the group: CloudWatch console > Log groups > Create log group).",
  requires: ["lambda:ListFunctions", "logs:DescribeLogGroups"],
  reasons: {
    loggingConfigNotRead: "The function's logging configuration was not read.",
    logGroupMissing: "The function has no log group (see function-log-group-missing).",
    logGroupNotKmsEncrypted: "The log group is encrypted only with the service-owned key.",
    logGroupKmsEncrypted: "The log group is encrypted with a KMS key.",
  },
  evaluate(fn, view) {
    if (fn.loggingConfig === undefined) return unknown("loggingConfigNotRead");
    const { name, logGroup } = view.logGroupOf(fn);
    if (!logGroup) return notApplicable("logGroupMissing", { logGroupName: name, ...loggingDefaultsEvidence(fn) });
    const evidence = { logGroupName: name, ...loggingDefaultsEvidence(fn), kmsKeyId: logGroup.kmsKeyId };
    if (logGroup.kmsKeyId === null) return fail("logGroupNotKmsEncrypted", evidence);
    return pass("logGroupKmsEncrypted", evidence);
  },
});
