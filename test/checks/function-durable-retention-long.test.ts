import check from "../../checks/function-durable-retention-long.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const durable = (retentionPeriodInDays?: number) =>
  snapshotWith({ functions: [secureFunction({ durableConfig: { ...(retentionPeriodInDays ? { retentionPeriodInDays } : {}), kmsKeyArn: null } })] });

describeCheckCases(check, [
  { name: "within the default maximum", snapshot: durable(14), expect: { status: "pass", reason: "durableRetentionWithinMaximum" } },
  { name: "AWS's default retention", snapshot: durable(), expect: { status: "pass", reason: "durableRetentionWithinMaximum", evidence: { retentionDays: 30, retentionIsAwsDefault: true } } },
  { name: "90 days", snapshot: durable(90), expect: { status: "fail", reason: "durableRetentionTooLong" } },
  { name: "above a stricter maximum", snapshot: durable(14), settings: { maximumDurableRetentionDays: 7 }, expect: { status: "fail", reason: "durableRetentionTooLong", evidence: { maximumDurableRetentionDays: 7 } } },
  { name: "not durable", snapshot: snapshotWith({ functions: [secureFunction({ durableConfig: null })] }), expect: { status: "not_applicable", reason: "notDurable" } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "unknown", reason: "durableConfigNotRead" } },
]);
