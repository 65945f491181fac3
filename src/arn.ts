/**
 * The one ARN module: every part of the scanner that takes an ARN apart does it here.
 * Layout: arn:partition:service:region:account-id:resource
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account field, colons included (`function:name:alias`, `role/path/name`). */
  resource: string;
}

/** Splits an ARN into its six fields, or undefined when it is not `arn:partition:service:region:account:resource`. */
export function parseArn(value: string): ArnParts | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", account = ""] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

/** The account an ARN names, when it names exactly one (S3 bucket ARNs and malformed input name none). */
export function accountOfArn(value: string): string | undefined {
  const arn = parseArn(value);
  return arn !== undefined && isAccountId(arn.account) ? arn.account : undefined;
}

/** The service field of an ARN (`lambda`, `kinesis`, `dynamodb`, ...), or undefined. */
export function serviceOfArn(value: string): string | undefined {
  return parseArn(value)?.service;
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`), or undefined. */
export function partitionOfArn(value: string): string | undefined {
  return parseArn(value)?.partition || undefined;
}

/**
 * A Lambda function ARN without its alias or version qualifier:
 * arn:aws:lambda:region:account:function:name:live -> arn:aws:lambda:region:account:function:name.
 * Anything that is not a qualified function ARN comes back unchanged.
 */
export function unqualifiedFunctionArn(arn: string): string {
  const parts = arn.split(":");
  return parts.length > 7 && parts[5] === "function" ? parts.slice(0, 7).join(":") : arn;
}

export interface LayerVersionArn {
  /** arn:aws:lambda:region:account:layer:name, what GetLayerVersionPolicy takes as LayerName. */
  layerArn: string;
  region: string;
  account: string;
  /** The layer's name and version, `name:3`. */
  nameAndVersion: string;
  version: number;
}

/** arn:aws:lambda:region:account:layer:name:version, or undefined when the ARN is not a layer version. */
export function parseLayerVersionArn(arn: string): LayerVersionArn | undefined {
  const parts = arn.split(":");
  if (parts.length !== 8 || parts[0] !== "arn" || parts[5] !== "layer") return undefined;
  const version = Number(parts[7]);
  if (!Number.isInteger(version) || version < 1) return undefined;
  return {
    layerArn: parts.slice(0, 7).join(":"),
    region: parts[3] ?? "",
    account: parts[4] ?? "",
    nameAndVersion: parts.slice(6).join(":"),
    version,
  };
}

/** arn:aws:iam::123456789012:role/service-role/name -> name (GetRole takes the name without its path). */
export function roleNameOf(roleArn: string): string | undefined {
  const resource = parseArn(roleArn)?.resource;
  if (!resource?.startsWith("role/")) return undefined;
  return resource.split("/").pop() || undefined;
}
