/**
 * Pure ARN helpers for checks. ARN layout: arn:partition:service:region:account-id:resource
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/** The account id field of an ARN, or undefined when the ARN has none (S3 buckets, malformed input). */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** The service field of an ARN (`lambda`, `kinesis`, `dynamodb`, ...), or undefined. */
export function serviceOfArn(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 6 && parts[0] === "arn" ? parts[2] : undefined;
}
