import { InputError } from "../errors.js";
import { SCAN_RESULT_SCHEMA_VERSION, scanResultSchema, type ScanResult } from "../engine/result-schema.js";
import { parseWithSchema, readJsonFile } from "../files/json-input.js";

/** Validates a parsed scan result (`scan --format json` output); errors name the file. */
export function parseScanResult(raw: unknown, fileName: string): ScanResult {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const document = raw as { schemaVersion?: unknown; kind?: unknown; functions?: unknown; findings?: unknown };
    if (document.kind === "lambda-posture-diff") {
      throw new InputError(`${fileName}: this is a diff, not a scan result; pass the JSON written by \`scan --format json\``);
    }
    if (document.findings === undefined && Array.isArray(document.functions) && "roles" in document) {
      throw new InputError(`${fileName}: this is a snapshot, not a scan result; run \`lambda-posture check --snapshot ${fileName} --format json\` first`);
    }
    const version = document.schemaVersion;
    if (typeof version === "number" && version !== SCAN_RESULT_SCHEMA_VERSION) {
      throw new InputError(
        `${fileName}: scan result schemaVersion ${version} is not supported by this version (expects ${SCAN_RESULT_SCHEMA_VERSION})`,
      );
    }
  }
  return parseWithSchema(scanResultSchema, raw, "lambda-posture scan result (the JSON of `scan --format json`)", fileName);
}

/** Reads and validates a scan result file, with one clear error naming the file. */
export async function readScanResult(fileName: string): Promise<ScanResult> {
  return parseScanResult(await readJsonFile(fileName, "scan result"), fileName);
}
