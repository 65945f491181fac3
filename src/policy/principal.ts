import { accountOfArn, isAccountId, parseArn } from "../arn.js";
import { hasWildcard, isBareWildcard } from "./match.js";
import type { ParsedPrincipal } from "./parse.js";

/**
 * Principals and ARNs: which account a principal or an ARN belongs to.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */


/**
 * Does this ARN-valued condition (aws:SourceArn, aws:PrincipalArn) leave the caller unconstrained?
 * `*`, `arn:aws:*` and an account field that is a wildcard all count. A literal account id scopes the
 * value whatever the other fields are (`arn:aws:*:*:111122223333:*` is every resource of that account).
 * S3 bucket ARNs carry no account (`arn:aws:s3:::bucket`), and bucket names are first come first served,
 * so a wildcard in the bucket name (or in the service of an account-less ARN) lets anyone create a
 * matching resource: that is unscoped too.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function isUnscopedArnPattern(value: string): boolean {
  if (isBareWildcard(value)) return true;
  const arn = parseArn(value);
  if (arn === undefined) return hasWildcard(value);
  if (arn.account === "") {
    const name = arn.resource.split("/")[0] ?? "";
    return name === "" || hasWildcard(name) || hasWildcard(arn.service);
  }
  return !isAccountId(arn.account);
}

/**
 * IAM unique-id prefixes, from "Understanding unique ID prefixes",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes
 * (the same table is reproduced by https://hackingthe.cloud/aws/general-knowledge/iam-key-identifiers/).
 * When the user or role a resource or trust policy names is deleted, AWS shows the unique id it stored
 * instead of the ARN; the grant then matches nobody, even a recreated principal of the same name.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
const UNIQUE_ID_PREFIXES: Readonly<Record<string, string>> = {
  ABIA: "AWS STS service bearer token",
  ACCA: "context-specific credential",
  AGPA: "user group",
  AIDA: "IAM user",
  AIPA: "EC2 instance profile",
  AKIA: "access key",
  ANPA: "managed policy",
  ANVA: "managed policy version",
  APKA: "public key",
  AROA: "role",
  ASCA: "certificate",
  ASIA: "temporary access key",
};

/** What a unique-id principal (`AROA…`, `AIDA…`) was, or null when the value is not a unique id. */
export function uniqueIdKind(value: string): string | null {
  if (!/^[A-Z0-9]{16,128}$/.test(value)) return null;
  return UNIQUE_ID_PREFIXES[value.slice(0, 4)] ?? null;
}

/**
 * The account of an `AWS` principal: a bare account id, or any IAM/STS ARN. Null for unique ids
 * (`AROA...`, shown when the role named in a policy was deleted) and anything else unrecognised.
 */
export function accountOfAwsPrincipal(value: string): string | null {
  if (isAccountId(value)) return value;
  return accountOfArn(value) ?? null;
}

/** `123456789012` and `arn:aws:iam::123456789012:root` are the same principal: the whole account. */
export function canonicalPrincipalValue(principal: ParsedPrincipal): string {
  if (principal.type === "AWS") {
    const arn = parseArn(principal.value);
    if (arn !== undefined && arn.service === "iam" && arn.resource === "root" && isAccountId(arn.account)) return arn.account;
  }
  return principal.type === "Service" ? principal.value.toLowerCase() : principal.value;
}

export function samePrincipal(left: ParsedPrincipal, right: ParsedPrincipal): boolean {
  const leftType = left.type === "*" ? "AWS" : left.type;
  const rightType = right.type === "*" ? "AWS" : right.type;
  return leftType === rightType && canonicalPrincipalValue(left) === canonicalPrincipalValue(right);
}
