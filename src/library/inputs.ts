import { readScanResult } from "../diff/index.js";
import type { ScanResult } from "../engine/result-schema.js";
import { suppressionsFileSchema, type Suppression } from "../engine/suppressions.js";
import { parseWithSchema, readJsonFile } from "../files/json-input.js";
import { describeBuiltInCheck } from "./catalogue.js";

/** Reads and validates a suppressions file; errors name the file and the JSON path (InputError). */
export async function readSuppressionsFile(fileName: string): Promise<Suppression[]> {
  const raw = await readJsonFile(fileName, "suppressions file");
  return parseWithSchema(suppressionsFileSchema, raw, "suppressions file", fileName).suppressions;
}

/** Reads a scan result (schemaVersion 1, 2 or 3, returned as the current result): a `--baseline`, a `diff` side, a `merge` input. */
export async function readResult(fileName: string): Promise<ScanResult> {
  return readScanResult(fileName, describeBuiltInCheck);
}

/** Reads a previous scan result to diff against (`--baseline`). */
export const readBaseline = readResult;
