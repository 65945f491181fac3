import { parseArn } from "../arn.js";
import type { ActionCatalogue, ActionResourceType } from "./actions.js";
import { globToRegExp, hasWildcard, isBareWildcard } from "./match.js";

/**
 * Which resources a statement's Resource patterns name for one action, judged against the resource
 * types the action acts on (their ARN formats come from the action catalogue).
 *
 * - A pattern applies to an action when it can name a resource of one of the action's types: an S3
 *   object ARN (`arn:aws:s3:::bucket/*`) never applies to iam:PassRole, whose only type is
 *   `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`.
 * - It names *every* resource of the action when its resource part covers the whole of a type's
 *   resource part (`*`, `role/*`, `arn:aws:iam::*:role/*`, `arn:aws:iam::111122223333:role/*`); the
 *   account and region it names are kept as the scope, so evidence can say "every role of account
 *   111122223333".
 * - An action that takes no resource (the reference lists no resource type) is granted only by `*`.
 *
 * Wildcards: `*` and `?` work within an ARN segment, and a `*` that ends a segment can match beyond
 * the colons (`arn:aws:*` is every ARN of the partition).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * Resource types and ARN formats: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *
 * Conservative where unsure: two patterns are taken to overlap unless their literal prefixes or
 * suffixes prove otherwise, and an action the catalogue does not know is judged by its service alone.
 */

export interface ResourceScope {
  /** `*` (every account; also types whose ARNs name no account, such as S3 buckets), an account id, or an account pattern. */
  account: string;
  /** null: every region, or a global service; otherwise the region (or region pattern) named. */
  region: string | null;
}

export interface ResourceMatch {
  /** The pattern can name a resource the action acts on. */
  applies: boolean;
  /** The pattern names every resource of one of the action's types, within this scope; null when it does not. */
  every: ResourceScope | null;
}

interface ArnFields {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const NONE: ResourceMatch = { applies: false, every: null };
const EVERYWHERE: ResourceScope = { account: "*", region: null };
const ANY: ResourceMatch = { applies: true, every: EVERYWHERE };
const MATCH_CACHE_LIMIT = 100_000;
const matchCache = new Map<string, ResourceMatch>();

/** The six fields of a policy pattern; fewer segments than six are filled when the last one ends with `*`. */
export function arnFields(pattern: string): ArnFields | null {
  const parts = pattern.split(":");
  if (!globToRegExp(parts[0] ?? "", true).test("arn")) return null;
  if (parts.length < 6) {
    if (!(parts[parts.length - 1] ?? "").endsWith("*")) return null;
    while (parts.length < 6) parts.push("*");
  }
  const [, partition = "", service = "", region = "", account = ""] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

const formatCache = new Map<string, ArnFields | null>();

/** A catalogue ARN format with its `${Variables}` turned into `*`. */
function templateFields(format: string): ArnFields | null {
  const cached = formatCache.get(format);
  if (cached !== undefined) return cached;
  const fields = arnFields(format.replace(/\$\{[^}]*\}/g, "*"));
  formatCache.set(format, fields);
  return fields;
}

function literalPrefix(text: string): string {
  const at = text.search(/[*?]/);
  return at < 0 ? text : text.slice(0, at);
}

function literalSuffix(text: string): string {
  const at = Math.max(text.lastIndexOf("*"), text.lastIndexOf("?"));
  return at < 0 ? text : text.slice(at + 1);
}

/** Can some value match both globs? Conservative: true unless literal prefixes or suffixes disagree. */
export function globsOverlap(left: string, right: string, caseInsensitive: boolean): boolean {
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  if (!hasWildcard(left) && !hasWildcard(right)) return fold(left) === fold(right);
  if (!hasWildcard(right)) return globToRegExp(left, caseInsensitive).test(right);
  if (!hasWildcard(left)) return globToRegExp(right, caseInsensitive).test(left);
  const [lp, rp, ls, rs] = [literalPrefix(left), literalPrefix(right), literalSuffix(left), literalSuffix(right)].map(fold) as [string, string, string, string];
  return (lp.startsWith(rp) || rp.startsWith(lp)) && (ls.endsWith(rs) || rs.endsWith(ls));
}

/** Does every value `inner` matches also match `outer`? Conservative: false when unsure. */
export function globCovers(outer: string, inner: string, caseInsensitive: boolean): boolean {
  if (isBareWildcard(outer)) return true;
  if (!hasWildcard(inner)) return globToRegExp(outer, caseInsensitive).test(inner);
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  if (fold(outer) === fold(inner)) return true;
  if (!outer.endsWith("*")) return false;
  const prefix = outer.slice(0, -1);
  return !hasWildcard(prefix) && fold(literalPrefix(inner)).startsWith(fold(prefix));
}

/** A test on every field; partition, service and region compare case-insensitively, account and resource exactly. */
function everyField(left: ArnFields, right: ArnFields, test: (left: string, right: string, caseInsensitive: boolean) => boolean): boolean {
  return (
    test(left.partition, right.partition, true) &&
    test(left.service, right.service, true) &&
    test(left.region, right.region, true) &&
    test(left.account, right.account, false) &&
    test(left.resource, right.resource, false)
  );
}

function fieldsOverlap(pattern: ArnFields, template: ArnFields): boolean {
  return everyField(pattern, template, globsOverlap);
}

function matchType(pattern: string, format: string): ResourceMatch {
  const key = `${pattern}\u0000${format}`;
  const cached = matchCache.get(key);
  if (cached !== undefined) return cached;
  const template = templateFields(format);
  const fields = arnFields(pattern);
  let match: ResourceMatch;
  if (template === null) match = { applies: true, every: null };
  else if (fields === null || !fieldsOverlap(fields, template)) match = NONE;
  else if (!globCovers(fields.resource, template.resource, false)) match = { applies: true, every: null };
  else {
    // Types whose ARNs name no account (S3 buckets and objects) are one namespace for every account.
    const account = template.account === "" || isBareWildcard(fields.account) ? "*" : fields.account;
    const region = template.region === "" || isBareWildcard(fields.region) ? null : fields.region;
    match = { applies: true, every: { account, region } };
  }
  if (matchCache.size >= MATCH_CACHE_LIMIT) matchCache.clear();
  matchCache.set(key, match);
  return match;
}

/** The widest of two scopes (every account beats one account; every region beats one region). */
function wider(left: ResourceScope | null, right: ResourceScope | null): ResourceScope | null {
  if (left === null) return right;
  if (right === null) return left;
  const rank = (scope: ResourceScope) => (scope.account === "*" ? 2 : 0) + (scope.region === null ? 1 : 0);
  return rank(right) > rank(left) ? right : left;
}

/** A resource part that names a whole type: `*`, `role/*`, `secret:*`, every object of every bucket. */
export function isWholeTypeResource(resource: string): boolean {
  return /^([\w-]+[/:])?\*(\/\*)?$/.test(resource);
}

/**
 * An action the catalogue does not know: the pattern applies when its service could be the action's
 * (IAM role ARNs also name the resources of STS actions), and names every resource when its resource
 * part is `*` or `<type>/*`.
 */
function matchUnknownAction(pattern: string, action: string): ResourceMatch {
  const fields = arnFields(pattern);
  if (fields === null) return NONE;
  const service = action.slice(0, action.indexOf(":")).toLowerCase();
  const services = fields.service.toLowerCase() === "iam" ? ["iam", "sts"] : [fields.service];
  if (!services.some((candidate) => globToRegExp(candidate, true).test(service))) return NONE;
  const every = isWholeTypeResource(fields.resource)
    ? { account: isBareWildcard(fields.account) || fields.account === "" ? "*" : fields.account, region: isBareWildcard(fields.region) || fields.region === "" ? null : fields.region }
    : null;
  return { applies: true, every };
}

/** What one Resource pattern names for one action. */
export function matchResource(pattern: string, action: string, catalogue: ActionCatalogue): ResourceMatch {
  if (isBareWildcard(pattern)) return ANY;
  const types = catalogue.resourceTypesOf(action);
  if (types === undefined) return matchUnknownAction(pattern, action);
  // No resource type: the action is authorised against `*` only.
  if (types.length === 0) return NONE;
  return combine(types, (type) => matchType(pattern, type.arnFormat));
}

function combine(types: readonly ActionResourceType[], match: (type: ActionResourceType) => ResourceMatch): ResourceMatch {
  let applies = false;
  let every: ResourceScope | null = null;
  for (const type of types) {
    const result = match(type);
    applies ||= result.applies;
    every = wider(every, result.every);
  }
  return applies ? { applies, every } : NONE;
}

/** Does `outer` name every resource `inner` names (field by field)? Conservative: false when unsure. */
export function resourcePatternCovers(outer: string, inner: string): boolean {
  if (isBareWildcard(outer)) return true;
  if (isBareWildcard(inner)) return false;
  const o = arnFields(outer);
  const i = arnFields(inner);
  if (o === null || i === null) return false;
  return everyField(o, i, globCovers);
}

/** Can the two patterns name a common resource? Conservative: true when unsure. */
export function resourcePatternsOverlap(left: string, right: string): boolean {
  if (isBareWildcard(left) || isBareWildcard(right)) return true;
  const l = arnFields(left);
  const r = arnFields(right);
  if (l === null || r === null) return false;
  return fieldsOverlap(l, r);
}

/** Is a scope inside another (account and region)? */
export function scopeWithin(inner: ResourceScope, outer: ResourceScope): boolean {
  const accountWithin = outer.account === "*" || (inner.account !== "*" && globCovers(outer.account, inner.account, false));
  const regionWithin = outer.region === null || (inner.region !== null && globCovers(outer.region, inner.region, true));
  return accountWithin && regionWithin;
}

/** Is a (named) pattern inside a scope? A pattern whose account field is a wildcard is inside `*` only. */
export function patternWithinScope(pattern: string, scope: ResourceScope): boolean {
  const fields = arnFields(pattern);
  if (fields === null) return isBareWildcard(pattern) && scope.account === "*" && scope.region === null;
  const account = fields.account === "" ? "*" : fields.account;
  return scopeWithin({ account, region: fields.region === "" ? null : fields.region }, scope);
}

/** The account an ARN pattern names, when it names exactly one. */
export function accountOfPattern(pattern: string): string | undefined {
  const arn = parseArn(pattern);
  return arn !== undefined && /^\d{12}$/.test(arn.account) ? arn.account : undefined;
}

/** `every role of account 111122223333 in eu-west-1`, `every account`. */
export function describeScope(scope: ResourceScope): string {
  const account = scope.account === "*" ? "every account" : hasWildcard(scope.account) ? `accounts matching ${scope.account}` : `account ${scope.account}`;
  return scope.region === null ? account : `${account}, region ${scope.region}`;
}
