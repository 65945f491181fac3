import check from "../../checks/function-log-group-unencrypted.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, logGroupFor } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  { name: "KMS key", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn)] }), expect: { status: "pass", reason: "logGroupKmsEncrypted" } },
  { name: "no KMS key", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn, { kmsKeyId: null })] }), expect: { status: "fail", reason: "logGroupNotKmsEncrypted", evidence: { kmsKeyId: null } } },
  { name: "no log group", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "not_applicable", reason: "logGroupMissing" } },
  { name: "log groups not readable", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn)], gaps: [gap("logs", "DescribeLogGroups")] }), expect: { status: "unknown", reason: "dataUnavailable" } },
]);
