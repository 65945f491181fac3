import type { z } from "zod";
import { InputError } from "../errors.js";
import { FILE_DEPTH_LIMIT, pathDeeperThan } from "../json-depth.js";

const MAX_ISSUES_SHOWN = 5;

/** JSON path as users read it: functions[3].url.authType */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "(document root)" : out;
}

/**
 * Validates `value` against `schema`; on failure throws an InputError naming the file, the kind of
 * document and the first problems with their JSON paths.
 */
export function parseWithSchema<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
  fileName: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const lines = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((issue) => `  ${formatJsonPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES_SHOWN ? `\n  ... and ${issues.length - MAX_ISSUES_SHOWN} more` : "";
  throw new InputError(`${fileName}: not a valid ${what}:\n${lines.join("\n")}${more}`);
}

/** Reads a JSON document with one clear error for a missing file or broken JSON. */
export async function readJsonFile(fileName: string, what: string): Promise<unknown> {
  const { readFile } = await import("node:fs/promises");
  let text: string;
  try {
    text = await readFile(fileName, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    throw new InputError(`${fileName}: cannot read the ${what}: ${reason}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${fileName}: the ${what} is not valid JSON: ${(error as Error).message}`);
  }
  const tooDeep = pathDeeperThan(value, FILE_DEPTH_LIMIT);
  if (tooDeep !== undefined) {
    throw new InputError(`${fileName}: the ${what} nests deeper than ${FILE_DEPTH_LIMIT} levels at ${tooDeep}; no valid one does`);
  }
  return value;
}
