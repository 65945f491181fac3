import { expect } from "vitest";
import check from "../../checks/function-log-level-verbose.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const logging = (loggingConfig: ReturnType<typeof secureFunction>["loggingConfig"]) => snapshotWith({ functions: [secureFunction({ loggingConfig })] });

describeCheckCases(check, [
  { name: "INFO and WARN", snapshot: logging({ logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN" }), expect: { status: "pass", reason: "logLevelNotVerbose" } },
  { name: "no levels set", snapshot: logging({ logFormat: "Text" }), expect: { status: "pass", reason: "logLevelNotVerbose" } },
  {
    name: "defaults assumed are said so",
    snapshot: logging({ logGroup: "/aws/lambda/fixture-function", logFormat: "Text", defaultsAssumed: true }),
    expect: { status: "pass", reason: "logLevelNotVerbose", evidence: { loggingConfigAssumed: expect.stringContaining("default") } },
  },
  { name: "application DEBUG", snapshot: logging({ logFormat: "JSON", applicationLogLevel: "DEBUG" }), expect: { status: "fail", reason: "verboseLogLevel", evidence: { applicationLogLevel: "DEBUG" } } },
  { name: "system DEBUG, application trace", snapshot: logging({ logFormat: "JSON", applicationLogLevel: "trace", systemLogLevel: "DEBUG" }), expect: { status: "fail", reason: "verboseLogLevel" } },
  { name: "not read", snapshot: logging(undefined), expect: { status: "unknown", reason: "loggingConfigNotRead" } },
]);
