import { defineCheck, fail, notApplicable, pass, unknown, z } from "../src/engine/check-kit.js";

/** "RetentionPeriodInDays ... (1-90 days, default 30 days)": https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecutionHistory.html */
const AWS_DEFAULT_RETENTION_DAYS = 30;

export default defineCheck({
  id: "function-durable-retention-long",
  title: "Durable function keeps execution data no longer than the configured maximum",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["SI-12", "AU-11"],
    owaspServerless: ["SAS-7"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "A durable execution's history (inputs, step results, callback payloads) stays readable through " +
    "GetDurableExecutionHistory for its retention period, up to 90 days: every extra day is more personal " +
    "or secret data that anyone allowed lambda:GetDurableExecution* can read, and that a data request must cover.",
  remediation:
    "Lower the retention to what replay and debugging need: Lambda console > function > Configuration > " +
    "Durable execution > Edit > Retention period, or `aws lambda update-function-configuration " +
    "--function-name NAME --durable-config RetentionPeriodInDays=7`.",
  requires: ["lambda:ListFunctions"],
  settings: z.object({
    maximumDurableRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .default(AWS_DEFAULT_RETENTION_DAYS)
      .describe("A durable function that keeps execution data longer than this many days fails (AWS's default is 30, its maximum 90)."),
  }),
  limitations:
    "A configuration without RetentionPeriodInDays is judged at AWS's default of 30 days. Sources: " +
    "https://docs.aws.amazon.com/lambda/latest/api/API_DurableConfig.html, " +
    "https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecutionHistory.html (retrieved 2026-11-30).",
  reasons: {
    durableConfigNotRead: "Whether the function is a durable function was not read.",
    notDurable: "The function is not a durable function.",
    durableRetentionTooLong: "The durable function keeps execution data for {retentionDays} days, more than {maximumDurableRetentionDays}.",
    durableRetentionWithinMaximum: "The durable function keeps execution data for {retentionDays} days.",
  },
  evaluate(fn, _view, settings) {
    if (fn.durableConfig === undefined) return unknown("durableConfigNotRead");
    if (fn.durableConfig === null) return notApplicable("notDurable");
    const retentionDays = fn.durableConfig.retentionPeriodInDays ?? AWS_DEFAULT_RETENTION_DAYS;
    const evidence = {
      retentionDays,
      retentionIsAwsDefault: fn.durableConfig.retentionPeriodInDays === undefined,
      maximumDurableRetentionDays: settings.maximumDurableRetentionDays,
      ...(fn.durableConfig.executionTimeout !== undefined ? { executionTimeoutSeconds: fn.durableConfig.executionTimeout } : {}),
    };
    if (retentionDays > settings.maximumDurableRetentionDays) return fail("durableRetentionTooLong", evidence);
    return pass("durableRetentionWithinMaximum", evidence);
  },
});
