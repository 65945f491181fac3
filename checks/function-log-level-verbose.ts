import { defineCheck, fail, loggingDefaultsEvidence, pass, unknown } from "../src/engine/check-kit.js";

const VERBOSE = new Set(["TRACE", "DEBUG"]);

export default defineCheck({
  id: "function-log-level-verbose",
  title: "Function does not log at DEBUG or TRACE level",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["AU-3(3)", "SI-11"],
    owaspServerless: ["SAS-5", "SAS-10"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "At DEBUG or TRACE, application frameworks and the Lambda runtime log request payloads, headers, " +
    "tokens and environment details: personal data and secrets end up in CloudWatch Logs, readable by " +
    "everyone with logs:GetLogEvents on the group and kept for its whole retention.",
  remediation:
    "Set the application log level to INFO or above and the system log level to INFO or WARN: Lambda " +
    "console > function > Configuration > Monitoring and operations tools > Logging configuration > Edit, " +
    "or `aws lambda update-function-configuration --function-name NAME --logging-config " +
    "LogFormat=JSON,ApplicationLogLevel=INFO,SystemLogLevel=WARN`.",
  requires: ["lambda:ListFunctions"],
  limitations:
    "Judges Lambda's log-level filtering (JSON format); levels a function sets in its own code are not " +
    "visible. Source: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html " +
    "(ApplicationLogLevel TRACE|DEBUG|INFO|WARN|ERROR|FATAL, SystemLogLevel DEBUG|INFO|WARN; retrieved 2026-11-30).",
  reasons: {
    loggingConfigNotRead: "The function's logging configuration was not read.",
    verboseLogLevel: "The function logs at a verbose level ({levels}).",
    logLevelNotVerbose: "The function's log levels are INFO or above (or not set).",
  },
  evaluate(fn) {
    const logging = fn.loggingConfig;
    if (logging === undefined) return unknown("loggingConfigNotRead");
    const levels = {
      applicationLogLevel: logging.applicationLogLevel?.toUpperCase() ?? null,
      systemLogLevel: logging.systemLogLevel?.toUpperCase() ?? null,
    };
    const verbose = Object.entries(levels).filter(([, level]) => level !== null && VERBOSE.has(level));
    const evidence = { ...levels, logFormat: logging.logFormat ?? null, ...loggingDefaultsEvidence(fn) };
    if (verbose.length > 0) return fail("verboseLogLevel", evidence, { levels: verbose.map(([field, level]) => `${field} ${level}`).join(", ") });
    return pass("logLevelNotVerbose", evidence);
  },
});
