import check from "../../checks/function-log-retention-unbounded.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, logGroupFor } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "retention set", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn)] }), expect: { status: "pass", reason: "retentionSet" } },
  { name: "never expires", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn, { retentionInDays: null })] }), expect: { status: "fail", reason: "retentionNeverExpires", evidence: { retentionInDays: null } } },
  { name: "no log group", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "not_applicable", reason: "logGroupMissing" } },
  { name: "log groups not readable", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn)], gaps: [gap("logs", "DescribeLogGroups")] }), expect: { status: "unknown", reason: "dataUnavailable" } },
]);
