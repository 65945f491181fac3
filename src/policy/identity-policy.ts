import type { ActionCatalogue } from "./actions.js";
import { denyApplicability, type DenyContext } from "./deny-conditions.js";
import { isBareWildcard } from "./match.js";
import { parsePolicyDocument, PolicyParseError, type ParsedPolicy, type ParsedStatement, type StatementRef } from "./parse.js";
import { isWholeTypeResource, matchResource } from "./resource-match.js";

/**
 * The statements of a role's identity policies (inline, managed, boundary), parsed once, with the
 * actions each grants or denies, and the resources each Deny limits itself to.
 */

export interface PolicySource {
  kind: "inline" | "managed" | "boundary";
  name: string;
  arn: string | null;
}

/** One statement that grants (or denies) something, named so a finding can quote it. */
export interface Grant {
  policy: PolicySource;
  statement: StatementRef;
  resources: string[] | null;
  notResources: string[] | null;
  /** Resource `*` (or a whole-type wildcard such as `arn:aws:iam::*:role/*`), or NotResource. */
  onAnyResource: boolean;
  conditional: boolean;
}

export interface IdentityStatement {
  grant: Grant;
  statement: ParsedStatement;
  /** For an Allow: the actions granted on at least one resource the statement names. For a Deny: the actions it names. */
  actions: ReadonlySet<string>;
}

export type PartialDenyReason = "conditional" | "resourceScoped" | "notResource" | "resourceAccount";

/**
 * A Deny as it applies to the role itself. `full`: it denies its actions on every resource.
 * Otherwise it is limited to `resources`, to everything but `notResources`, or to resources outside
 * `outsideAccounts` (a negated aws:ResourceAccount condition). `unjudged`: its conditions could not be
 * judged for the role, so it subtracts nothing and is only reported.
 */
export interface IdentityDeny extends IdentityStatement {
  full: boolean;
  resources: string[] | null;
  notResources: string[] | null;
  outsideAccounts: string[] | null;
  unjudged: boolean;
  /** Why it is not a plain `Deny *`, for the analysis's partialDenies; null when it is. */
  partialReason: PartialDenyReason | null;
}

/** Managed policies are shared by many roles and stored once in the snapshot: parse each object once. */
const parsedDocuments = new WeakMap<object, ParsedPolicy>();

export function parseCached(document: unknown, label: string): ParsedPolicy {
  const cached = typeof document === "object" && document !== null ? parsedDocuments.get(document) : undefined;
  if (cached !== undefined) return cached;
  let parsed: ParsedPolicy;
  try {
    parsed = parsePolicyDocument(document);
  } catch (error) {
    if (error instanceof PolicyParseError) throw new PolicyParseError(error.code, `${label}: ${error.message}`, error.path);
    throw error;
  }
  if (typeof document === "object" && document !== null) parsedDocuments.set(document, parsed);
  return parsed;
}

// `*`, `arn:aws:s3:::*`, `arn:aws:s3:::*` with `/*` (every object), `arn:aws:iam::*:role/*`, `arn:aws:iam::123456789012:role/*`.
function looksLikeAnyResource(value: string): boolean {
  if (isBareWildcard(value)) return true;
  return value.startsWith("arn:") && isWholeTypeResource(value.split(":").slice(5).join(":"));
}

export function grantOf(policy: PolicySource, statement: ParsedStatement): Grant {
  return {
    policy,
    statement: { index: statement.index, sid: statement.sid },
    resources: statement.resource,
    notResources: statement.notResource,
    onAnyResource: statement.notResource !== null || (statement.resource ?? []).some(looksLikeAnyResource),
    conditional: statement.conditions.length > 0,
  };
}

function expandActions(statement: ParsedStatement, catalogue: ActionCatalogue): ReadonlySet<string> {
  if (statement.notAction !== null) return catalogue.complement(statement.notAction);
  const patterns = statement.action ?? [];
  if (patterns.length === 1 && patterns[0] !== undefined) return catalogue.expand(patterns[0]);
  const union = new Set<string>();
  for (const pattern of patterns) for (const action of catalogue.expand(pattern)) union.add(action);
  return union;
}

/**
 * The actions an Allow grants on some resource it names: an action only applies to resources of its own
 * types, so `NotAction: iam:*` on `arn:aws:s3:::exports/*` grants S3 object actions, not
 * lambda:UpdateFunctionCode, and an object ARN never grants iam:PassRole.
 */
function actionsOnNamedResources(statement: ParsedStatement, expanded: ReadonlySet<string>, catalogue: ActionCatalogue): ReadonlySet<string> {
  const resources = statement.resource;
  if (statement.notResource !== null || resources === null || resources.some(isBareWildcard)) return expanded;
  const kept = new Set<string>();
  for (const action of expanded) if (resources.some((pattern) => matchResource(pattern, action, catalogue).applies)) kept.add(action);
  return kept;
}

export function allowStatement(source: PolicySource, statement: ParsedStatement, catalogue: ActionCatalogue): IdentityStatement {
  return { grant: grantOf(source, statement), statement, actions: actionsOnNamedResources(statement, expandActions(statement, catalogue), catalogue) };
}

/**
 * A Deny judged for the role as the caller: conditions that are true for it make the Deny
 * unconditional, false ones drop it, a negated aws:ResourceAccount limits it to other accounts'
 * resources, and anything else leaves it unjudged (reported, not subtracted).
 * Returns null when the Deny never applies to the role.
 */
export function denyStatement(source: PolicySource, statement: ParsedStatement, catalogue: ActionCatalogue, ctx: DenyContext | undefined): IdentityDeny | null {
  const base = { grant: grantOf(source, statement), statement, actions: expandActions(statement, catalogue) };
  const verdict =
    statement.conditions.length === 0
      ? ({ applies: "always" } as const)
      : ctx === undefined
        ? ({ applies: "unknown" } as const)
        : denyApplicability(statement.conditions, { kind: "accounts", accountIds: [ctx.accountId] }, ctx);
  if (verdict.applies === "never") return null;
  const unjudged = verdict.applies === "unknown" || verdict.applies === "outside";
  const outsideAccounts = verdict.applies === "outsideAccounts" ? verdict.accountIds : null;
  const wholeResource = statement.notResource === null && (statement.resource ?? []).some(isBareWildcard);
  const full = !unjudged && outsideAccounts === null && wholeResource;
  const partialReason: PartialDenyReason | null = statement.conditions.length > 0 && (unjudged || outsideAccounts !== null)
    ? outsideAccounts !== null ? "resourceAccount" : "conditional"
    : statement.notResource !== null
      ? "notResource"
      : wholeResource
        ? null
        : "resourceScoped";
  return { ...base, full, resources: statement.resource, notResources: statement.notResource, outsideAccounts, unjudged, partialReason };
}
