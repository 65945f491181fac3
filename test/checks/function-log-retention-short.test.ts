import check from "../../checks/function-log-retention-short.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, logGroupFor } from "./builders.js";

const fn = secureFunction();
const retention = (retentionInDays: number | null) => snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn, { retentionInDays })] });

describeCheckCases(check, [
  { name: "a year", snapshot: retention(365), expect: { status: "pass", reason: "retentionMeetsMinimum" } },
  { name: "never expires", snapshot: retention(null), expect: { status: "pass", reason: "retentionNeverExpires" } },
  { name: "below the default minimum", snapshot: retention(30), expect: { status: "fail", reason: "retentionBelowMinimum", evidence: { retentionInDays: 30, minimumDays: 365 } } },
  { name: "meets a lower configured minimum", snapshot: retention(90), settings: { minimumLogRetentionDays: 90 }, expect: { status: "pass", reason: "retentionMeetsMinimum" } },
  { name: "no log group", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "not_applicable", reason: "logGroupMissing" } },
  { name: "log groups not readable", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn)], gaps: [gap("logs", "DescribeLogGroups")] }), expect: { status: "unknown", reason: "dataUnavailable" } },
]);
