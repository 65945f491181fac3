import { hasWildcard, isBareWildcard } from "./match.js";
import type { ParsedPrincipal } from "./parse.js";

/**
 * Principals and ARNs: which account a principal or an ARN belongs to.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
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
  resource: string;
}

/** Split an ARN into its six fields, or null when it is not `arn:partition:service:region:account:resource`. */
export function parseArn(value: string): ArnParts | null {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  const [, partition = "", service = "", region = "", account = ""] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

/**
 * Does this ARN-valued condition (aws:SourceArn, aws:PrincipalArn) leave the caller unconstrained?
 * `*`, `arn:aws:*`, `arn:*:lambda:*:*:*` and an account field that is a wildcard all count. S3 bucket ARNs
 * carry no account (`arn:aws:s3:::bucket`), and bucket names are first come first served, so a wildcard in
 * the bucket name lets anyone create a matching bucket: that is unscoped too.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function isUnscopedArnPattern(value: string): boolean {
  if (isBareWildcard(value)) return true;
  const arn = parseArn(value);
  if (arn === null) return hasWildcard(value);
  if (arn.account === "") {
    const name = arn.resource.split("/")[0] ?? "";
    return name === "" || hasWildcard(name) || hasWildcard(arn.service);
  }
  return hasWildcard(arn.account) || hasWildcard(arn.service);
}

/** The account an ARN names, when it names exactly one. */
export function accountOfArn(value: string): string | null {
  const arn = parseArn(value);
  return arn !== null && isAccountId(arn.account) ? arn.account : null;
}

/**
 * The account of an `AWS` principal: a bare account id, or any IAM/STS ARN. Null for unique ids
 * (`AROA...`, shown when the role named in a policy was deleted) and anything else unrecognised.
 */
export function accountOfAwsPrincipal(value: string): string | null {
  if (isAccountId(value)) return value;
  return accountOfArn(value);
}

/** `123456789012` and `arn:aws:iam::123456789012:root` are the same principal: the whole account. */
export function canonicalPrincipalValue(principal: ParsedPrincipal): string {
  if (principal.type === "AWS") {
    const arn = parseArn(principal.value);
    if (arn !== null && arn.service === "iam" && arn.resource === "root" && isAccountId(arn.account)) return arn.account;
  }
  return principal.type === "Service" ? principal.value.toLowerCase() : principal.value;
}

export function samePrincipal(left: ParsedPrincipal, right: ParsedPrincipal): boolean {
  const leftType = left.type === "*" ? "AWS" : left.type;
  const rightType = right.type === "*" ? "AWS" : right.type;
  return leftType === rightType && canonicalPrincipalValue(left) === canonicalPrincipalValue(right);
}
