import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-esm-retries-unbounded",
  title: "Stream event source mappings bound retries of a failing batch",
  severity: "medium",
  layer: "customer",
  phase: "trigger",
  frameworks: {
    nist80053: ["SC-5", "SI-10", "SI-11"],
    owaspServerless: ["SAS-8", "SAS-1"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "By default Lambda retries a failing stream batch until its records expire (up to a week for " +
    "Kinesis), blocking the whole shard behind it: one malformed or malicious record stops processing of " +
    "every later event and keeps invoking (and billing) the function.",
  remediation:
    "Set a maximum retry count, split failing batches and keep the failures: Lambda console > function > " +
    "Configuration > Triggers > trigger > Edit > Retry attempts / Split batch on error, or `aws lambda " +
    "update-event-source-mapping --uuid UUID --maximum-retry-attempts 3 --bisect-batch-on-function-error " +
    "--destination-config 'OnFailure={Destination=QUEUE_ARN}'`.",
  requires: ["lambda:ListEventSourceMappings"],
  limitations: "The maximum record age is not read; a short record age also bounds retries and is not credited.",
  reasons: {
    noStreamMappings: "The function has no stream or Kafka event source mapping.",
    retriesUnbounded: "{count} stream mapping(s) retry a failing batch until its records expire.",
    retriesNotRead: "The retry setting of some stream mappings was not read.",
    retriesBounded: "Every stream mapping bounds its retries.",
  },
  evaluate(fn, view) {
    const streams = view.eventSourceMappingsOf(fn).filter((mapping) => view.isStreamSource(mapping));
    if (streams.length === 0) return notApplicable("noStreamMappings");
    // -1 (and an absent setting, read as null) mean: retry until the record expires.
    const unbounded = streams.filter((mapping) => mapping.maximumRetryAttempts === null || mapping.maximumRetryAttempts === -1);
    if (unbounded.length > 0) {
      return fail("retriesUnbounded", {
        mappings: unbounded.map((mapping) => ({
          uuid: mapping.uuid,
          eventSourceArn: mapping.eventSourceArn ?? null,
          maximumRetryAttempts: mapping.maximumRetryAttempts,
          bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError ?? null,
        })),
      }, { count: unbounded.length });
    }
    const notRead = streams.filter((mapping) => mapping.maximumRetryAttempts === undefined);
    if (notRead.length > 0) return unknown("retriesNotRead", { uuids: notRead.map((mapping) => mapping.uuid) });
    return pass("retriesBounded", {
      mappings: streams.map((mapping) => ({ uuid: mapping.uuid, maximumRetryAttempts: mapping.maximumRetryAttempts })),
    });
  },
});
