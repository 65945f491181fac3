/**
 * How deep a parsed JSON value nests, measured without recursion: input files and policy documents
 * come from outside, and a document nested thousands of levels deep must be refused with a clear
 * message, never overflow the stack of a recursive walk later on.
 */

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | number;
}

function pathOf(frame: Frame): string {
  const segments: (string | number)[] = [];
  for (let at: Frame | undefined = frame; at?.parent; at = at.parent) segments.push(at.key);
  let path = "";
  for (const segment of segments.reverse()) path += typeof segment === "number" ? `[${segment}]` : path === "" ? segment : `.${segment}`;
  return path || "(document root)";
}

/** The JSON path at which `value` nests deeper than `limit` levels, or undefined when it does not. */
export function pathDeeperThan(value: unknown, limit: number): string | undefined {
  // Paths are built only for the answer: a large snapshot has millions of values.
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const current = frame.value;
    if (current === null || typeof current !== "object") continue;
    if (frame.depth >= limit) return pathOf(frame);
    const depth = frame.depth + 1;
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) {
        const child: unknown = current[index];
        if (child !== null && typeof child === "object") stack.push({ value: child, depth, parent: frame, key: index });
      }
    } else {
      for (const key in current) {
        const child: unknown = (current as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object") stack.push({ value: child, depth, parent: frame, key });
      }
    }
  }
  return undefined;
}

/** Nesting allowed in an IAM policy document: real policies stay under ten levels. */
export const POLICY_DEPTH_LIMIT = 64;

/** Nesting allowed in an input file: a snapshot holds policy documents a few levels down. */
export const FILE_DEPTH_LIMIT = 100;
