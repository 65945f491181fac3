import { randomUUID } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import {
  ORGANIZATION_RESULT_KIND,
  OrganizationResultBuilder,
  organizationResultSchema,
  type OrganizationResult,
} from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import { InputError } from "../errors.js";
import { parseWithSchema, readJsonFile } from "../files/json-input.js";
import { parseScanResult } from "../diff/index.js";
import { TOOL } from "../package-info.js";
import { describeBuiltInCheck } from "./catalogue.js";

/** One input of `merge`: an organisation result (a shard's) or one account's scan result. */
export type MergeInput = { fileName: string; organization: OrganizationResult } | { fileName: string; result: ScanResult };

const ORGANIZATION_FILE = /^lambda-posture-organization-.*\.json$/;
const ACCOUNT_RESULT_FILE = /^lambda-posture-(\d{12})-(\d{8}T\d{6}Z)\.json$/;
/** Directories `merge` reads at most; an output directory holds one per account plus the organisation files. */
const MAX_DIRECTORY_ENTRIES = 100_000;

/** Reads an organisation result or a scan result (either schema version), telling them apart by `kind`. */
export async function readMergeInput(fileName: string): Promise<MergeInput> {
  const raw = await readJsonFile(fileName, "organisation or scan result");
  if (raw !== null && typeof raw === "object" && (raw as { kind?: unknown }).kind === ORGANIZATION_RESULT_KIND) {
    return { fileName, organization: parseWithSchema(organizationResultSchema, raw, "lambda-posture organisation result", fileName) };
  }
  return { fileName, result: parseScanResult(raw, fileName, describeBuiltInCheck) };
}

async function entries(directory: string): Promise<string[]> {
  const names = await readdir(directory);
  if (names.length > MAX_DIRECTORY_ENTRIES) throw new InputError(`${directory}: more than ${MAX_DIRECTORY_ENTRIES} entries; pass the files to merge`);
  return names.sort();
}

/**
 * The files `merge` reads for each argument. A file is read as given. A directory gives its
 * organisation results (every shard's); one without any gives its per-account results
 * (`accounts/ACCOUNT/lambda-posture-ACCOUNT-STAMP.json`), the newest of each account.
 */
export async function mergeInputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const organizationFiles = (await entries(path)).filter((name) => ORGANIZATION_FILE.test(name));
    if (organizationFiles.length > 0) {
      files.push(...organizationFiles.map((name) => join(path, name)));
      continue;
    }
    const accountsDirectory = join(path, "accounts");
    let accountIds: string[] = [];
    try {
      accountIds = (await entries(accountsDirectory)).filter((name) => /^\d{12}$/.test(name));
    } catch {
      accountIds = [];
    }
    for (const accountId of accountIds) {
      const results = (await entries(join(accountsDirectory, accountId))).filter((name) => ACCOUNT_RESULT_FILE.exec(name)?.[1] === accountId);
      const newest = results.at(-1);
      if (newest) files.push(join(accountsDirectory, accountId, newest));
    }
    if (organizationFiles.length === 0 && accountIds.length === 0) {
      throw new InputError(`${path}: no organisation result (lambda-posture-organization-*.json) and no per-account result (accounts/ACCOUNT/lambda-posture-ACCOUNT-*.json) in it`);
    }
  }
  return files;
}

/**
 * The organisation result of several inputs, as one process scanning all of their accounts would
 * have written it: accounts in id order, totals from every account's score tallies. An account in
 * two inputs is refused (naming both), since there is no telling which one is meant.
 */
export function mergeResults(inputs: readonly MergeInput[]): OrganizationResult {
  if (inputs.length === 0) throw new InputError("merge needs at least one organisation or scan result");
  const builder = new OrganizationResultBuilder();
  const source = new Map<string, string>();
  const claim = (accountId: string, fileName: string) => {
    const earlier = source.get(accountId);
    if (earlier !== undefined) throw new InputError(`account ${accountId} is in both ${earlier} and ${fileName}; pass only one result for each account`);
    source.set(accountId, fileName);
  };
  const organizations = inputs.flatMap((input) => ("organization" in input ? [input.organization] : []));
  const results = inputs.flatMap((input) => ("result" in input ? [input.result] : []));
  for (const input of inputs) {
    if ("organization" in input) {
      for (const account of input.organization.accounts) claim(account.accountId, input.fileName);
      builder.addOrganizationResult(input.organization);
    } else {
      claim(input.result.accountId, input.fileName);
      builder.addScanned({
        identity: { accountId: input.result.accountId, name: null, state: null, parentId: null },
        result: input.result,
        files: { json: basename(input.fileName) },
      });
    }
  }
  const times = [...organizations.map((o) => [o.startedAt, o.finishedAt] as const), ...results.map((r) => [r.startedAt, r.finishedAt] as const)];
  const partitions = new Set([...organizations.map((o) => o.partition), ...results.map((r) => r.partition)]);
  if (partitions.size > 1) throw new InputError(`the inputs are from different AWS partitions (${[...partitions].join(", ")}); merge each partition on its own`);
  const sources = new Set(organizations.map((o) => o.selection.source));
  const organizationIds = new Set(organizations.flatMap((o) => (o.organization ? [o.organization.id] : [])));
  if (organizationIds.size > 1) throw new InputError(`the inputs are from different organisations (${[...organizationIds].join(", ")})`);
  return builder.build({
    scanId: randomUUID(),
    tool: TOOL,
    startedAt: times.map(([started]) => started).sort()[0] as string,
    finishedAt: times.map(([, finished]) => finished).sort().at(-1) as string,
    partition: [...partitions][0] as string,
    organization: organizations.find((o) => o.organization !== null)?.organization ?? null,
    selection: {
      source: results.length === 0 && sources.size === 1 ? ([...sources][0] as OrganizationResult["selection"]["source"]) : "results",
      organizationalUnits: [...new Set(organizations.flatMap((o) => o.selection.organizationalUnits))].sort(),
      excluded: [...new Set(organizations.flatMap((o) => o.selection.excluded))].sort(),
      shard: null,
    },
  });
}
