import { defineCheck, loggingDefaultsEvidence, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-log-group-missing",
  title: "Function's log group exists",
  severity: "medium",
  layer: "shared",
  phase: "output",
  frameworks: {
    nist80053: ["AU-2", "AU-12"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: [],
  },
  rationale:
    "Lambda writes the function's logs to one CloudWatch log group. When that group does not exist, " +
    "either the function has never run or its role cannot create it (logs:CreateLogGroup denied, or the " +
    "group deleted to silence it): in both cases what the function did leaves no record.",
  remediation:
    "Create the log group with a retention and KMS key, and make sure the role may write to it " +
    "(AWSLambdaBasicExecutionRole or logs:CreateLogStream and logs:PutLogEvents on the group): CloudWatch " +
    "console > Log groups > Create log group, or `aws logs create-log-group --log-group-name " +
    "/aws/lambda/NAME --kms-key-id KEY_ARN` then `aws logs put-retention-policy --log-group-name " +
    "/aws/lambda/NAME --retention-in-days 365`.",
  requires: ["lambda:ListFunctions", "logs:DescribeLogGroups"],
  limitations: "A function that has never been invoked has no log group yet and is reported too.",
  reasons: {
    loggingConfigNotRead: "The function's logging configuration was not read.",
    logGroupExists: "The function's log group exists.",
    logGroupsNotRead: "The log groups could not be read.",
    logGroupMissing: "The log group {logGroupName} does not exist.",
  },
  evaluate(fn, view) {
    if (fn.loggingConfig === undefined) return unknown("loggingConfigNotRead");
    const { name, logGroup } = view.logGroupOf(fn);
    if (logGroup) return pass("logGroupExists", { logGroupName: name, ...loggingDefaultsEvidence(fn) });
    // A failed DescribeLogGroups would make every group look missing: that is unknown, not a fail.
    if (view.gapsAffecting("function", fn, ["logs:DescribeLogGroups"]).length > 0) {
      return unknown("logGroupsNotRead", { logGroupName: name, ...loggingDefaultsEvidence(fn) });
    }
    return fail("logGroupMissing", { logGroupName: name, ...loggingDefaultsEvidence(fn) });
  },
});
