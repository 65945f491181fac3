import { defineCheck, loggingDefaultsEvidence, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-log-retention-unbounded",
  title: "Function's logs expire after a set retention period",
  severity: "low",
  layer: "shared",
  phase: "output",
  frameworks: {
    nist80053: ["AU-11", "SI-12"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["CloudWatch.16"],
  },
  rationale:
    "Function logs routinely capture request data, identifiers and error payloads. Kept forever, they " +
    "become an ever-growing store of personal and sensitive data that no retention schedule covers.",
  remediation:
    "Set a retention that meets your audit requirement (at least the configured minimum): CloudWatch " +
    "console > Log groups > group > Actions > Edit retention setting, or `aws logs put-retention-policy " +
    "--log-group-name /aws/lambda/NAME --retention-in-days 365`.",
  requires: ["lambda:ListFunctions", "logs:DescribeLogGroups"],
  reasons: {
    loggingConfigNotRead: "The function's logging configuration was not read.",
    logGroupMissing: "The function has no log group (see function-log-group-missing).",
    retentionNeverExpires: "The function's logs never expire.",
    retentionSet: "The function's logs expire after {retentionInDays} days.",
  },
  evaluate(fn, view) {
    if (fn.loggingConfig === undefined) return unknown("loggingConfigNotRead");
    const { name, logGroup } = view.logGroupOf(fn);
    if (!logGroup) return notApplicable("logGroupMissing", { logGroupName: name, ...loggingDefaultsEvidence(fn) });
    const evidence = { logGroupName: name, ...loggingDefaultsEvidence(fn), retentionInDays: logGroup.retentionInDays };
    if (logGroup.retentionInDays === null) return fail("retentionNeverExpires", evidence);
    return pass("retentionSet", evidence);
  },
});
