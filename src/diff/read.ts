import { z } from "zod";
import { InputError } from "../errors.js";
import {
  SCAN_RESULT_SCHEMA_VERSION,
  storedFindingSchema,
  scanResultSchema,
  type CheckInfo,
  type ResultFinding,
  type ResultResource,
  type ScanResult,
} from "../engine/result-schema.js";
import { fromResultDocument, scanResultDocumentSchema } from "../engine/result-document.js";
import { ScoreAccumulator } from "../engine/score.js";
import { parseWithSchema, readJsonFile } from "../files/json-input.js";

/** Version 1 results (lambda-posture before the compact result) spelled every finding out in full. */
const scanResultV1Schema = scanResultSchema.omit({ schemaVersion: true, checks: true, resources: true, findings: true }).extend({
  schemaVersion: z.literal(1),
  checks: z.array(z.string()),
  findings: z.array(storedFindingSchema),
});
type ScanResultV1 = z.infer<typeof scanResultV1Schema>;

/** Version 2 documents listed every finding in `findings`: the result itself, under its old number. */
const scanResultV2Schema = scanResultSchema.extend({ schemaVersion: z.literal(2) });

/**
 * What this version knows about a check, for a version 1 result whose check reported no finding (a
 * version 1 result named such a check by id only). The CLI and library pass the built-in catalogue.
 */
export type DescribeCheck = (id: string) => CheckInfo | undefined;

const RESULT_DESCRIPTION = "lambda-posture scan result (the JSON of `scan --format json`)";

/** The same result in its current form: each check and resource once, findings referring to them. */
function upgradeFromVersion1(v1: ScanResultV1, fileName: string, describeCheck: DescribeCheck): ScanResult {
  const checks = new Map<string, CheckInfo>();
  const resources: ResultResource[] = [];
  const resourceIndexes = new Map<string, number>();
  const findings: ResultFinding[] = [];
  for (const finding of v1.findings) {
    if (!checks.has(finding.checkId)) {
      const { checkId: id, title, severity, layer, phase, remediation, frameworks } = finding;
      checks.set(id, { id, title, severity, layer, phase, resourceType: finding.resource.type, remediation, frameworks });
    }
    const key = `${finding.resource.type}\u0000${finding.resource.arn}`;
    let resource = resourceIndexes.get(key);
    if (resource === undefined) {
      resource = resources.length;
      resources.push({ ...finding.resource, functionArns: finding.functionArns });
      resourceIndexes.set(key, resource);
    }
    const detailed = finding.status === "fail" || finding.status === "unknown";
    findings.push({
      checkId: finding.checkId,
      status: finding.status,
      reason: finding.reason,
      resource,
      ...(detailed ? { message: finding.message, evidence: finding.evidence } : {}),
      ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
    });
  }
  const unknownChecks: string[] = [];
  for (const id of v1.checks) {
    if (checks.has(id)) continue;
    const info = describeCheck(id);
    if (info) checks.set(id, info);
    else unknownChecks.push(id);
  }
  if (unknownChecks.length > 0) {
    throw new InputError(
      `${fileName}: this schemaVersion 1 result ran checks this version does not know and that reported no finding (${unknownChecks.join(", ")}); ` +
        "re-run `check --snapshot` on its snapshot with this version to compare it",
    );
  }
  const { schemaVersion: _version, checks: _ids, findings: _findings, ...rest } = v1;
  return {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    ...rest,
    summary: { ...v1.summary, ...tallyOfVersion1(v1) },
    checks: v1.checks.map((id) => checks.get(id) as CheckInfo),
    resources,
    findings,
  } as ScanResult;
}

/**
 * A version 1 result did not store its score inputs; when it listed every finding they can be summed
 * again (each result counts once for every function it is linked to, as the engine counts it).
 */
function tallyOfVersion1(v1: ScanResultV1): { tallies?: ScanResult["summary"]["tallies"] } {
  if (v1.filters.minimumSeverity !== "info") return {};
  const account = new ScoreAccumulator();
  for (const finding of v1.findings) {
    const scored = { status: finding.status, severity: finding.severity, layer: finding.layer, suppressed: finding.suppressed !== undefined };
    for (let i = 0; i < finding.functionArns.length; i += 1) account.add(scored);
  }
  return { tallies: account.tallies() };
}

/** Findings refer to checks and resources by id and index: a dangling reference is a broken file. */
function assertReferencesResolve(result: ScanResult, fileName: string): void {
  const checkIds = new Set(result.checks.map((check) => check.id));
  for (const [index, finding] of result.findings.entries()) {
    if (!checkIds.has(finding.checkId)) {
      throw new InputError(`${fileName}: not a valid ${RESULT_DESCRIPTION}: findings[${index}].checkId ${JSON.stringify(finding.checkId)} is not in checks`);
    }
    if (finding.resource >= result.resources.length) {
      throw new InputError(
        `${fileName}: not a valid ${RESULT_DESCRIPTION}: findings[${index}].resource ${finding.resource} is past the end of resources (${result.resources.length})`,
      );
    }
  }
}

/**
 * Validates a parsed scan result (`scan --format json` output, schemaVersion 3, 2 or 1); errors name
 * the file. Every version comes back as the current result, every finding in `findings`.
 */
export function parseScanResult(raw: unknown, fileName: string, describeCheck: DescribeCheck = () => undefined): ScanResult {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const document = raw as { schemaVersion?: unknown; kind?: unknown; functions?: unknown; findings?: unknown };
    if (document.kind === "lambda-posture-organization") {
      throw new InputError(`${fileName}: this is an organisation result; compare one account's results (DIR/accounts/ACCOUNT/), or build organisation reports with \`lambda-posture merge\``);
    }
    if (document.kind === "lambda-posture-diff") {
      throw new InputError(`${fileName}: this is a diff, not a scan result; pass the JSON written by \`scan --format json\``);
    }
    if (document.findings === undefined && Array.isArray(document.functions) && "roles" in document) {
      throw new InputError(`${fileName}: this is a snapshot, not a scan result; run \`lambda-posture check --snapshot ${fileName} --format json\` first`);
    }
    const version = document.schemaVersion;
    if (version === 1) {
      return upgradeFromVersion1(parseWithSchema(scanResultV1Schema, raw, RESULT_DESCRIPTION, fileName), fileName, describeCheck);
    }
    if (version === 2) {
      const result: ScanResult = { ...parseWithSchema(scanResultV2Schema, raw, RESULT_DESCRIPTION, fileName), schemaVersion: SCAN_RESULT_SCHEMA_VERSION };
      assertReferencesResolve(result, fileName);
      return result;
    }
    if (typeof version === "number" && version !== SCAN_RESULT_SCHEMA_VERSION) {
      throw new InputError(
        `${fileName}: scan result schemaVersion ${version} is not supported by this version (reads 1 to ${SCAN_RESULT_SCHEMA_VERSION})`,
      );
    }
  }
  const result = fromResultDocument(parseWithSchema(scanResultDocumentSchema, raw, RESULT_DESCRIPTION, fileName));
  assertReferencesResolve(result, fileName);
  return result;
}

/** Reads and validates a scan result file, with one clear error naming the file. */
export async function readScanResult(fileName: string, describeCheck?: DescribeCheck): Promise<ScanResult> {
  return parseScanResult(await readJsonFile(fileName, "scan result"), fileName, describeCheck);
}
