/**
 * How deep a parsed JSON value nests, measured without recursion: input files and policy documents
 * come from outside, and a document nested thousands of levels deep must be refused with a clear
 * message, never overflow the stack of a recursive walk later on.
 */

/** The JSON path at which `value` nests deeper than `limit` levels, or undefined when it does not. */
export function pathDeeperThan(value: unknown, limit: number): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: "" }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth >= limit) return item.path || "(document root)";
    if (Array.isArray(item.value)) {
      item.value.forEach((child, index) => stack.push({ value: child, depth: item.depth + 1, path: `${item.path}[${index}]` }));
    } else {
      for (const [key, child] of Object.entries(item.value)) {
        stack.push({ value: child, depth: item.depth + 1, path: item.path === "" ? key : `${item.path}.${key}` });
      }
    }
  }
  return undefined;
}

/** Nesting allowed in an IAM policy document: real policies stay under ten levels. */
export const POLICY_DEPTH_LIMIT = 64;

/** Nesting allowed in an input file: a snapshot holds policy documents a few levels down. */
export const FILE_DEPTH_LIMIT = 100;
