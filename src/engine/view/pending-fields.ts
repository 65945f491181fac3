import type { LambdaFunction, Snapshot } from "../../snapshot/schema.js";

/**
 * Narrow readers for snapshot fields the schema does not declare yet (issue 11): the account's
 * organisation (`snapshot.organization`, from organizations:DescribeOrganization) and a function URL's
 * CreationTime (`fn.url.creationTime`). They read what is there, type-checked, and answer "not known"
 * for anything else, so the analyses work before and after the schema gains the fields.
 */

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The account's organisation id: a string; null when the snapshot says the account is in no
 * organisation (`organization: null`); undefined when not known (absent, or not read).
 */
export function organizationIdOf(snapshot: Snapshot): string | null | undefined {
  const organization = (snapshot as unknown as Record<string, unknown>).organization;
  if (organization === null) return null;
  const id = record(organization)?.id;
  return typeof id === "string" && /^o-[a-z0-9]{10,32}$/.test(id) ? id : undefined;
}

/** The function URL's creation time (ISO), undefined when the URL or the field is absent or malformed. */
export function urlCreationTimeOf(fn: LambdaFunction): string | undefined {
  const time = record(fn.url)?.creationTime;
  return typeof time === "string" && !Number.isNaN(Date.parse(time)) ? time : undefined;
}
