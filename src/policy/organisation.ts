import { hasWildcard } from "./match.js";
import type { AccountContext } from "./scope.js";

/**
 * Conditions that name an AWS Organizations organisation: aws:PrincipalOrgID / aws:PrincipalOrgPaths
 * (the caller's organisation) and aws:SourceOrgID / aws:SourceOrgPaths (the organisation of the resource
 * a service acts for). Naming *our* organisation keeps a grant inside it; naming another one is a grant
 * to that organisation's accounts, which is cross-account; when the scan could not learn our
 * organisation (DescribeOrganization denied or not read) the answer is "organisation-unknown", so that
 * only the judgements that depend on it become unknown.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
 * Paths are `o-id/r-root/ou-.../` (Organizations `Path` pattern): the organisation is the first segment.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
 */

export type OrganisationReach = "organisation-scoped" | "organisation-unknown" | "cross-account";

/** The organisation id a condition value names: the value of an ...OrgID key, the first segment of an ...OrgPaths one. */
export function organisationIdOf(keyLower: string, value: string): string {
  return keyLower.endsWith("orgpaths") ? (value.split("/")[0] ?? "") : value;
}

/** Is the organisation value void (a wildcard in the organisation id itself)? */
export function isUnscopedOrganisationValue(keyLower: string, value: string): boolean {
  const organisation = organisationIdOf(keyLower, value);
  return organisation === "" || hasWildcard(organisation);
}

/**
 * Several organisations ORed: any one that is not ours makes the grant cross-account. Our organisation
 * is `ctx.organizationId`: a string when read, null when the account belongs to none (every named
 * organisation is then foreign), undefined when not known.
 */
export function classifyOrganisations(organisationIds: readonly string[], ctx: AccountContext): OrganisationReach {
  const ours = ctx.organizationId;
  if (ours === null) return "cross-account";
  if (ours === undefined) return "organisation-unknown";
  return organisationIds.every((id) => id.toLowerCase() === ours.toLowerCase()) ? "organisation-scoped" : "cross-account";
}
