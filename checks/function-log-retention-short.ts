import { defineCheck, loggingDefaultsEvidence, fail, notApplicable, pass, unknown, z } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-log-retention-short",
  title: "Function's logs are kept at least the minimum retention period",
  severity: "low",
  layer: "shared",
  phase: "output",
  frameworks: {
    nist80053: ["AU-11"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: ["CloudWatch.16"],
  },
  rationale:
    "Intrusions are typically discovered months after they start; logs deleted before then leave the " +
    "investigation blind. The minimum (default 365 days) comes from checkSettings.minimumLogRetentionDays.",
  remediation:
    "Raise the retention to at least the minimum: CloudWatch console > Log groups > group > Actions > Edit " +
    "retention setting, or `aws logs put-retention-policy --log-group-name /aws/lambda/NAME " +
    "--retention-in-days 365`.",
  requires: ["lambda:ListFunctions", "logs:DescribeLogGroups"],
  limitations: "Logs exported to S3 or another account by a subscription filter are not seen.",
  settings: z.object({
    minimumLogRetentionDays: z.number().int().positive().default(365).describe("Log retention below this many days fails the check."),
  }),
  reasons: {
    loggingConfigNotRead: "The function's logging configuration was not read.",
    logGroupMissing: "The function has no log group (see function-log-group-missing).",
    retentionNeverExpires: "The function's logs never expire.",
    retentionBelowMinimum: "The function's logs are kept {retentionInDays} days, less than {minimumDays}.",
    retentionMeetsMinimum: "The function's logs are kept {retentionInDays} days.",
  },
  evaluate(fn, view, settings) {
    if (fn.loggingConfig === undefined) return unknown("loggingConfigNotRead");
    const { name, logGroup } = view.logGroupOf(fn);
    if (!logGroup) return notApplicable("logGroupMissing", { logGroupName: name, ...loggingDefaultsEvidence(fn) });
    const minimumDays = settings.minimumLogRetentionDays;
    const evidence = { logGroupName: name, ...loggingDefaultsEvidence(fn), retentionInDays: logGroup.retentionInDays, minimumDays };
    if (logGroup.retentionInDays === null) return pass("retentionNeverExpires", evidence);
    if (logGroup.retentionInDays < minimumDays) {
      return fail("retentionBelowMinimum", evidence);
    }
    return pass("retentionMeetsMinimum", evidence);
  },
});
