import type { LambdaFunction } from "./schema.js";

/**
 * The log group Lambda writes to: the one in the logging configuration, else AWS's default
 * `/aws/lambda/<function name>`. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html
 */
export function logGroupNameOf(fn: LambdaFunction): string {
  return fn.loggingConfig?.logGroup ?? `/aws/lambda/${fn.name}`;
}
