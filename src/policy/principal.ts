import { accountOfArn, isAccountId, parseArn } from "../arn.js";
import { hasWildcard, isBareWildcard } from "./match.js";
import type { ParsedPrincipal } from "./parse.js";

/**
 * Principals and ARNs: which account a principal or an ARN belongs to.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */


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
  if (arn === undefined) return hasWildcard(value);
  if (arn.account === "") {
    const name = arn.resource.split("/")[0] ?? "";
    return name === "" || hasWildcard(name) || hasWildcard(arn.service);
  }
  return hasWildcard(arn.account) || hasWildcard(arn.service);
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
