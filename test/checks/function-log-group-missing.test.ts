import check from "../../checks/function-log-group-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, logGroupFor } from "./builders.js";

const fn = secureFunction();
const custom = secureFunction({ loggingConfig: { logGroup: "/shared/app-logs", logFormat: "JSON" } });

describeCheckCases(check, [
  { name: "default log group exists", snapshot: snapshotWith({ functions: [fn], logGroups: [logGroupFor(fn)] }), expect: { status: "pass", reason: "logGroupExists" } },
  { name: "custom log group exists", snapshot: snapshotWith({ functions: [custom], logGroups: [logGroupFor(custom)] }), expect: { status: "pass", reason: "logGroupExists", evidence: { logGroupName: "/shared/app-logs" } } },
  { name: "log group missing", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "fail", reason: "logGroupMissing", evidence: { logGroupName: "/aws/lambda/fixture-function" } } },
  { name: "log groups not readable", snapshot: snapshotWith({ functions: [fn], gaps: [gap("logs", "DescribeLogGroups")] }), expect: { status: "unknown", reason: "logGroupsNotRead" } },
  { name: "logging config not read", snapshot: snapshotWith({ functions: [secureFunction({ loggingConfig: undefined })] }), expect: { status: "unknown", reason: "loggingConfigNotRead" } },
]);
