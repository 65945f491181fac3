import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-esm-on-failure-missing",
  title: "Stream event source mappings send failed batches to an on-failure destination",
  severity: "low",
  layer: "customer",
  phase: "trigger",
  frameworks: {
    nist80053: ["CP-10", "SI-11", "AU-12"],
    owaspServerless: ["SAS-10", "SAS-5"],
    hipaa: ["164.312(c)(1)"],
    fsbp: [],
  },
  rationale:
    "When a batch from a Kinesis, DynamoDB or Kafka stream keeps failing, Lambda eventually skips it. " +
    "Without an on-failure destination the skipped records, and the record that a crafted or corrupt " +
    "event caused it, are gone.",
  remediation:
    "Add an SQS or SNS on-failure destination to the mapping: Lambda console > function > Configuration > " +
    "Triggers > trigger > Edit > Additional settings > On-failure destination, or `aws lambda " +
    "update-event-source-mapping --uuid UUID --destination-config " +
    "'OnFailure={Destination=arn:aws:sqs:REGION:ACCOUNT:NAME-failures}'`.",
  requires: ["lambda:ListEventSourceMappings"],
  limitations: "SQS mappings are not judged (failures go to the queue's redrive policy, which is not read).",
  reasons: {
    noStreamMappings: "The function has no stream or Kafka event source mapping.",
    noOnFailureDestination: "{count} stream mapping(s) have no on-failure destination.",
    destinationNotRead: "The destination of some stream mappings was not read.",
    onFailureDestinationSet: "Every stream mapping has an on-failure destination.",
  },
  evaluate(fn, view) {
    const streams = view.eventSourceMappingsOf(fn).filter((mapping) => view.isStreamSource(mapping));
    if (streams.length === 0) return notApplicable("noStreamMappings");
    const notRead = streams.filter((mapping) => mapping.onFailureDestination === undefined);
    const missing = streams.filter((mapping) => mapping.onFailureDestination === null);
    if (missing.length > 0) {
      return fail("noOnFailureDestination", {
        mappings: missing.map((mapping) => ({ uuid: mapping.uuid, eventSourceArn: mapping.eventSourceArn ?? null, onFailureDestination: null })),
      }, { count: missing.length });
    }
    if (notRead.length > 0) return unknown("destinationNotRead", { uuids: notRead.map((mapping) => mapping.uuid) });
    return pass("onFailureDestinationSet", {
      mappings: streams.map((mapping) => ({ uuid: mapping.uuid, onFailureDestination: mapping.onFailureDestination })),
    });
  },
});
