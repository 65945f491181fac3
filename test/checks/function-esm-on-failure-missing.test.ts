import check from "../../checks/function-esm-on-failure-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { REGION } from "./builders.js";
import type { EventSourceMapping } from "../../src/snapshot/schema.js";

const fn = secureFunction();
const mapping = (overrides: Partial<EventSourceMapping>): EventSourceMapping => ({
  uuid: "m-1",
  region: REGION,
  functionArn: fn.arn,
  eventSourceArn: "arn:aws:kinesis:eu-west-1:111122223333:stream/orders",
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: true,
  onFailureDestination: "arn:aws:sqs:eu-west-1:111122223333:orders-failures",
  ...overrides,
});

describeCheckCases(check, [
  { name: "stream with destination", snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({})] }), expect: { status: "pass", reason: "onFailureDestinationSet" } },
  {
    name: "stream without destination",
    snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ onFailureDestination: null })] }),
    expect: { status: "fail", reason: "noOnFailureDestination", evidence: { mappings: [{ uuid: "m-1" }] } },
  },
  {
    name: "self-managed Kafka without destination",
    snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ eventSourceArn: null, onFailureDestination: null })] }),
    expect: { status: "fail", reason: "noOnFailureDestination" },
  },
  {
    name: "SQS mapping only",
    snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ eventSourceArn: "arn:aws:sqs:eu-west-1:111122223333:q", onFailureDestination: null })] }),
    expect: { status: "not_applicable", reason: "noStreamMappings" },
  },
  { name: "destination not read", snapshot: snapshotWith({ functions: [fn], eventSourceMappings: [mapping({ onFailureDestination: undefined })] }), expect: { status: "unknown", reason: "destinationNotRead" } },
]);
