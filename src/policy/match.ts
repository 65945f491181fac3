/**
 * IAM wildcard matching: `*` matches any run of characters, `?` exactly one. Action names are
 * case-insensitive, ARNs (resources, SourceArn values) are case-sensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */

/** Patterns repeat across the roles and functions of a scan; the cap keeps a pathological input from growing it forever. */
const regexCache = new Map<string, RegExp>();
const REGEX_CACHE_LIMIT = 20_000;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** True when the pattern is made only of wildcard characters (`*`, `**`, `?*`), so it matches anything. */
export function isBareWildcard(pattern: string): boolean {
  return /^[*?]+$/.test(pattern) && pattern.includes("*");
}

export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = `${caseInsensitive ? "i" : "s"}${pattern}`;
  const cached = regexCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const source = pattern
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&")))
    .join("");
  const regex = new RegExp(`^${source}$`, caseInsensitive ? "is" : "s");
  if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
  regexCache.set(cacheKey, regex);
  return regex;
}

/** Does the IAM action pattern (from a policy) match this concrete action? Case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern, true).test(action);
}

/**
 * Does every value `inner` can match also match `outer`? Conservative: answers false when unsure.
 * A concrete `inner` is simply matched; a wildcard `inner` is covered only by an all-wildcard `outer`
 * or a `prefix*` outer whose literal prefix starts `inner`'s literal prefix.
 */
export function patternSubsumes(outer: string, inner: string, caseInsensitive: boolean): boolean {
  if (isBareWildcard(outer)) return true;
  if (!hasWildcard(inner)) return globToRegExp(outer, caseInsensitive).test(inner);
  if (!outer.endsWith("*")) return outer === inner;
  const prefix = outer.slice(0, -1);
  if (hasWildcard(prefix)) return false;
  const fold = (text: string): string => (caseInsensitive ? text.toLowerCase() : text);
  const innerLiteral = inner.slice(0, inner.search(/[*?]/));
  return fold(innerLiteral).startsWith(fold(prefix));
}
