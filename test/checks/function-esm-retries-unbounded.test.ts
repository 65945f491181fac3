import check from "../../checks/function-esm-retries-unbounded.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { REGION } from "./builders.js";
import type { EventSourceMapping } from "../../src/snapshot/schema.js";

const fn = secureFunction();
const mapping = (overrides: Partial<EventSourceMapping>): EventSourceMapping => ({
  uuid: "m-1",
  region: REGION,
  functionArn: fn.arn,
  eventSourceArn: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2026-01-01T00:00:00.000",
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: true,
  onFailureDestination: "arn:aws:sqs:eu-west-1:111122223333:orders-failures",
  ...overrides,
});

describeCheckCases(check, [
  { name: "bounded retries", snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({})] }), expect: { status: "pass", reason: "retriesBounded" } },
  {
    name: "infinite retries (-1)",
    snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ maximumRetryAttempts: -1 })] }),
    expect: { status: "fail", reason: "retriesUnbounded", evidence: { mappings: [{ uuid: "m-1", maximumRetryAttempts: -1 }] } },
  },
  { name: "retry setting absent (AWS default)", snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ maximumRetryAttempts: null })] }), expect: { status: "fail", reason: "retriesUnbounded" } },
  { name: "no mappings", snapshot: snapshotWith({ functions: [fn] }), expect: { status: "not_applicable", reason: "noStreamMappings" } },
  { name: "retry setting not read", snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ maximumRetryAttempts: undefined })] }), expect: { status: "unknown", reason: "retriesNotRead" } },
]);
