import { resolve, sep } from "node:path";
import { checkOutputPath, writePrivateFile } from "../files/private-file.js";
import { InputError } from "./errors.js";
import { note, type CliIO } from "./io.js";

/**
 * Commands that write one document (`diff`, `permissions`): `--output FILE` or stdout (none, or `-`).
 * The path is resolved and checked before any work, so a refused path fails fast with exit 2.
 */
export async function documentPath(output: string | undefined, io: CliIO): Promise<string | undefined> {
  if (output === undefined || output === "-") return undefined;
  assertFileName(output);
  const path = resolve(io.cwd, output);
  await checkOutputPath(path, "--output");
  return path;
}

/** `--output reports/` names a directory: say so, rather than write a file called `reports`. */
export function assertFileName(output: string): void {
  if (output.endsWith("/") || output.endsWith(sep)) {
    throw new InputError(`--output: ${output} names a directory; this command writes one file: give its name (e.g. ${output}lambda-posture.json)`);
  }
}

/** Writes the document with the private-file writer (0600, exclusive temp file, rename) and says where. */
export async function writeDocumentFile(path: string, content: string, io: CliIO, quiet: boolean): Promise<void> {
  try {
    await writePrivateFile(path, content);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot write ${path}: ${(error as Error).message}`);
  }
  note(io, quiet, `wrote ${path}`);
}
