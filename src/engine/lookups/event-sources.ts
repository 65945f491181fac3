import type { EventSourceMapping } from "../../snapshot/schema.js";
import { serviceOfArn } from "../../arn.js";

/**
 * Stream and Kafka sources (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Kafka) are read in
 * order per shard or partition: they support an on-failure destination on the mapping and, by
 * default, retry a failing batch until the records expire. SQS does neither (its failures go to the
 * queue's own redrive policy).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export function isStreamSource(mapping: EventSourceMapping): boolean {
  // Self-managed Kafka has no event source ARN.
  if (mapping.eventSourceArn === null) return true;
  if (mapping.eventSourceArn === undefined) return false;
  const service = serviceOfArn(mapping.eventSourceArn);
  return service === "kinesis" || service === "dynamodb" || service === "kafka";
}
