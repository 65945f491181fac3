import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { AnyCheck } from "../engine/check.js";
import { organizationView, type OrganizationResult } from "../engine/organization.js";
import { checkOutputPath, writePrivateStream } from "../files/private-file.js";
import { DEFAULT_ACCOUNT_CONCURRENCY, validateSelection, type AccountSelection, type MemberRole } from "../library/account-selection.js";
import type { AccountOutcome } from "../library/organization-scan.js";
import { selectRegions } from "../library/regions.js";
import { writeSnapshot } from "../snapshot/io.js";
import { jsonChunks } from "../report/json.js";
import { renderTerminalSummary } from "../report/terminal.js";
import { formatDuration } from "../text/duration.js";
import { terminalSafe, terminalSafeLine } from "../text/terminal.js";
import { ExitCode, InputError, type ExitCodeValue } from "./errors.js";
import { note, type CliIO } from "./io.js";
import type { ResolvedOptions } from "./options.js";
import { failOnReason, type ExitReason, type RunInputs } from "./pipeline.js";
import { resolveReporters, writeReports } from "./write-reports.js";

/** An organisation run: any of the account-choosing options. */
export function isOrganizationRun(options: ResolvedOptions): boolean {
  return options.accounts !== undefined || options.accountsFile !== undefined || options.organization || options.organizationalUnits.length > 0;
}

/** AWS Batch array jobs and Kubernetes Indexed Jobs give each copy a 0-based index in these variables. */
export const SHARD_INDEX_VARIABLES = ["AWS_BATCH_JOB_ARRAY_INDEX", "JOB_COMPLETION_INDEX"] as const;
/** An accounts file larger than this is not a list of account ids. */
const MAX_ACCOUNTS_FILE_BYTES = 4 * 1024 * 1024;

/** `--shard 2/5` (1-based) or `--shard auto/5`, the index from the scheduler's variable (0-based). */
export function parseShard(value: string | undefined, env: NodeJS.ProcessEnv): AccountSelection["shard"] {
  if (value === undefined) return undefined;
  const [indexText, countText] = value.split("/") as [string, string];
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new InputError(`--shard ${value}: COUNT must be between 1 and 10000`);
  let index: number;
  if (indexText === "auto") {
    const variable = SHARD_INDEX_VARIABLES.find((name) => env[name] !== undefined && env[name] !== "");
    if (!variable) throw new InputError(`--shard auto/${count} takes its index from ${SHARD_INDEX_VARIABLES.join(" or ")}, and neither is set`);
    const raw = env[variable] as string;
    if (!/^\d+$/.test(raw)) throw new InputError(`--shard auto: ${variable}=${JSON.stringify(raw)} is not a whole number`);
    index = Number(raw) + 1;
  } else index = Number(indexText);
  if (index < 1 || index > count) throw new InputError(`--shard ${value}: the index must be between 1 and ${count}${indexText === "auto" ? ` (the variable is 0-based: 0 to ${count - 1})` : ""}`);
  return { index, count };
}

/** One id a line; `#` starts a comment; blank lines are ignored. */
export function parseAccountsFile(text: string, fileName: string): string[] {
  const ids: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length; line += 1) {
    const content = (lines[line] as string).replace(/#.*$/, "").trim();
    if (content === "") continue;
    if (!/^\d{12}$/.test(content)) throw new InputError(`${fileName}:${line + 1}: not an AWS account id: ${JSON.stringify(content.slice(0, 40))} (12 digits)`);
    ids.push(content);
  }
  if (ids.length === 0) throw new InputError(`${fileName}: no account id in the file`);
  return [...new Set(ids)];
}

async function readAccountsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    const content = await readFile(path);
    if (content.length > MAX_ACCOUNTS_FILE_BYTES) throw new InputError(`--accounts-file ${path}: larger than ${MAX_ACCOUNTS_FILE_BYTES} bytes`);
    text = content.toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`--accounts-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseAccountsFile(text, path);
}

export interface OrganizationPlanInput {
  selection: AccountSelection;
  role: MemberRole;
  /** The accounts file could not be read (a dry run goes on without it, with this warning). */
  warnings: string[];
}

/** The selection and the member role from the options, validated; reads --accounts-file. */
export async function resolveOrganizationOptions(options: ResolvedOptions, io: CliIO): Promise<OrganizationPlanInput> {
  const warnings: string[] = [];
  if (options.accounts !== undefined && options.accountsFile !== undefined) throw new InputError("--accounts and --accounts-file cannot be used together");
  if (options.organization && (options.accounts !== undefined || options.accountsFile !== undefined)) {
    throw new InputError("--organization lists the accounts itself: leave out --accounts and --accounts-file");
  }
  let accounts = options.accounts;
  if (options.accountsFile !== undefined) {
    const path = resolve(io.cwd, options.accountsFile);
    try {
      accounts = await readAccountsFile(path);
    } catch (error) {
      if (!options.dryRun) throw error;
      warnings.push(`warning: ${(error as Error).message}; a real run stops here with exit 2`);
      accounts = [];
    }
  }
  const selection: AccountSelection = {
    ...(accounts !== undefined ? { accounts } : {}),
    ...(options.organization || options.organizationalUnits.length > 0 ? { organization: options.organization } : {}),
    organizationalUnits: options.organizationalUnits,
    exclude: options.excludeAccounts,
  };
  const shard = parseShard(options.shard, io.env);
  if (shard) selection.shard = shard;
  const role: MemberRole = {
    ...(options.roleName !== undefined ? { roleName: options.roleName } : {}),
    ...(options.roleArn !== undefined ? { roleArnTemplate: options.roleArn } : {}),
    ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
    sessionName: options.sessionName,
    ...(options.sessionDuration !== undefined ? { sessionDurationSeconds: Math.round(options.sessionDuration / 1000) } : {}),
  };
  validateSelection(selection, role);
  if (options.output !== undefined) throw new InputError("an organisation scan writes many files: use --output-dir DIR, not --output");
  if (options.outputDir === undefined) throw new InputError("an organisation scan needs --output-dir DIR (per-account results go to DIR/accounts/ACCOUNT/)");
  if (options.snapshotOut !== undefined) throw new InputError("an organisation scan writes each account's snapshot beside its result: leave out --snapshot-out");
  if (options.baseline !== undefined) throw new InputError("--baseline compares one account's results: run `lambda-posture diff` on an account's results instead");
  return { selection, role, warnings };
}

/** Options that only mean something for several accounts, refused on a single-account scan. */
export function assertSingleAccountOptions(options: ResolvedOptions): void {
  const misplaced = [
    options.roleName !== undefined && "--role-name",
    options.excludeAccounts.length > 0 && "--exclude-accounts",
    options.accountConcurrency !== undefined && "--account-concurrency",
    options.shard !== undefined && "--shard",
  ].filter(Boolean);
  if (misplaced.length > 0) throw new InputError(`${misplaced.join(", ")} choose among several accounts: add --accounts, --accounts-file or --organization`);
  if (options.roleArn?.includes("{accountId}")) throw new InputError("--role-arn with {accountId} is for several accounts: add --accounts, --accounts-file or --organization, or give the role's ARN");
}

/** `--dry-run` of a single-account scan. */
export function renderSingleAccountPlan(options: ResolvedOptions, checks: readonly AnyCheck[], targets: { formats: readonly string[]; output?: string | undefined; outputDir?: string | undefined }, io: CliIO): string {
  const lines = [
    "lambda-posture scan: plan (dry run; nothing was sent to AWS)",
    "",
    `account: the one the credentials belong to${options.roleArn ? `, entered as ${options.roleArn}` : options.profile ? ` (profile ${options.profile})` : ""}`,
    `regions: ${options.regions?.join(", ") ?? "the default region (AWS_REGION or the profile's)"}`,
    `checks: ${checks.length}`,
    `formats: ${targets.formats.join(", ")} to ${targets.outputDir !== undefined ? resolve(io.cwd, targets.outputDir) : targets.output !== undefined ? resolve(io.cwd, targets.output) : "stdout"}`,
    ...(options.history !== undefined ? [`history: the result kept in ${resolve(io.cwd, options.history)}, the newest ${options.historyKeep} of the account kept`] : []),
  ];
  return `${lines.map(terminalSafeLine).join("\n")}\n`;
}

/** `20261130T235501Z`: sorts by time, and a scheduled run never overwrites an earlier one. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** Where an organisation run's files go (README "Organisation scans: files"). */
export const organizationLayout = {
  accountDirectory: (outputDir: string, accountId: string) => join(outputDir, "accounts", accountId),
  accountBase: (accountId: string, stamp: string) => `lambda-posture-${accountId}-${stamp}`,
  organizationBase: (stamp: string, shard: AccountSelection["shard"]) =>
    `lambda-posture-organization-${stamp}${shard ? `-shard-${shard.index}-of-${shard.count}` : ""}`,
};

/** `--dry-run`: what the run would do, from the options alone. Nothing is sent to AWS. */
export function renderPlan(options: ResolvedOptions, plan: OrganizationPlanInput, checks: readonly AnyCheck[], io: CliIO, now: Date): string {
  const { selection, role } = plan;
  const outputDir = resolve(io.cwd, options.outputDir as string);
  const stamp = fileStamp(now);
  const formats = [...new Set(["json", ...(options.format.length > 0 ? options.format : [])])];
  const lines = ["lambda-posture scan: organisation plan (dry run; nothing was sent to AWS)", ""];
  if (selection.organization) {
    lines.push(
      (selection.organizationalUnits?.length ?? 0) > 0
        ? `accounts: listed at run time under ${selection.organizationalUnits!.join(", ")} (organizations:ListChildren, ListAccountsForParent, recursively)`
        : "accounts: listed at run time with organizations:ListAccounts (the starting credentials must be the management account or a delegated administrator)",
    );
  } else {
    const given = [...(selection.accounts ?? [])].filter((id) => !(selection.exclude ?? []).includes(id)).sort();
    const shard = selection.shard;
    const mine = shard ? given.filter((_, position) => position % shard.count === shard.index - 1) : given;
    lines.push(`accounts: ${given.length} given${shard ? `, ${mine.length} in this shard` : ""}`);
    for (const id of mine.slice(0, 1000)) lines.push(`  ${id}`);
    if (mine.length > 1000) lines.push(`  … and ${mine.length - 1000} more`);
  }
  if ((selection.exclude ?? []).length > 0) lines.push(`excluded: ${(selection.exclude ?? []).join(", ")}`);
  lines.push(`shard: ${selection.shard ? `${selection.shard.index} of ${selection.shard.count} (sorted account ids, round-robin)` : "none (every account)"}`);
  lines.push(
    `role in each account: ${role.roleArnTemplate ?? (role.roleName ? `arn:PARTITION:iam::ACCOUNT:role/${role.roleName}` : "none given (only the starting account can be scanned)")}` +
      `${role.externalId ? " with an external id" : ""}; the starting account is scanned with its own credentials`,
  );
  lines.push(`session: ${role.sessionName ?? "lambda-posture"}${role.sessionDurationSeconds ? `, ${formatDuration(role.sessionDurationSeconds * 1000)}` : ""}`);
  lines.push(`regions: ${options.regions?.join(", ") ?? "the default region (AWS_REGION)"}`);
  lines.push(`accounts at once: ${options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY}; checks: ${checks.length}`);
  lines.push(`per account: ${join(organizationLayout.accountDirectory(outputDir, "ACCOUNT"), organizationLayout.accountBase("ACCOUNT", stamp))}.{snapshot.json,${formats.map(extensionOf).join(",")}}`);
  lines.push(`organisation: ${join(outputDir, organizationLayout.organizationBase(stamp, selection.shard))}.{${formats.map(extensionOf).join(",")}}`);
  lines.push(...plan.warnings);
  return `${lines.map(terminalSafeLine).join("\n")}\n`;
}

function extensionOf(format: string): string {
  return resolveReporters([format])[0]?.extension ?? format;
}

/** Writes the organisation JSON (the merge input) and the other formats of the organisation view. */
export async function writeOrganizationReports(
  organization: OrganizationResult,
  checks: readonly AnyCheck[],
  formats: readonly string[],
  outputDir: string,
  baseName: string,
  io: CliIO,
): Promise<string[]> {
  const jsonPath = join(outputDir, `${baseName}.json`);
  await writePrivateStream(jsonPath, jsonChunks(organization));
  const view = organizationView(organization);
  const toFiles = formats.filter((format) => format !== "json" && format !== "terminal");
  const written = [jsonPath];
  if (toFiles.length > 0) written.push(...(await writeReports(view, checks, { formats: toFiles, outputDir, baseName }, io, organization)));
  // The terminal summary is for the person watching: stdout, as a single-account scan shows it.
  if (formats.includes("terminal")) await writeReports(view, checks, { formats: ["terminal"] }, io, organization);
  return written;
}

/**
 * After the organisation reports: the short summary on stderr when no terminal report went to
 * stdout (a long run never ends silently), else one line per file written.
 */
export function reportWritten(organization: OrganizationResult, formats: readonly string[], written: readonly string[], quiet: boolean, io: CliIO): void {
  if (quiet) return;
  if (formats.includes("terminal")) {
    for (const path of written) note(io, quiet, `wrote ${path}`);
    return;
  }
  io.stderr.write(renderTerminalSummary(organizationView(organization), { width: io.stderrIsTTY ? io.columns : 80, written }, organization));
}

/** --fail-on over every account; --fail-on-gaps when any account failed or any read failed. */
export function organizationExitReasons(organization: OrganizationResult, options: Pick<ResolvedOptions, "failOn" | "failOnGaps">): ExitReason[] {
  const reasons: ExitReason[] = [];
  const { accounts } = organization.summary;
  if (accounts.scanned === 0 && accounts.total > 0) {
    reasons.push({ exitCode: ExitCode.couldNotScan, line: `exit 3: none of the ${accounts.total} account(s) could be scanned (${accounts.failed} failed, ${accounts.skipped} skipped)` });
  }
  const failOn = failOnReason(organizationView(organization), options.failOn);
  if (failOn) reasons.push(failOn);
  const readGaps = organization.summary.counts.gaps - organization.gaps.length;
  if (options.failOnGaps && (accounts.failed > 0 || readGaps > 0)) {
    reasons.push({
      exitCode: ExitCode.incomplete,
      line: `exit ${ExitCode.incomplete}: --fail-on-gaps: ${accounts.failed} account(s) could not be scanned and ${readGaps} read(s) failed in the scanned ones`,
    });
  }
  return reasons;
}

/** The exit code the reasons give: could not scan first, then incomplete, then findings. */
export function exitCodeOf(reasons: readonly ExitReason[]): ExitCodeValue {
  for (const code of [ExitCode.couldNotScan, ExitCode.incomplete, ExitCode.findingsAtOrAboveFailOn]) {
    if (reasons.some((reason) => reason.exitCode === code)) return code;
  }
  return ExitCode.ok;
}

/** Accounts done of total, the accounts in flight by slot, and an estimate of the time left. */
class OrganizationProgress {
  private readonly inFlight = new Map<number, string>();
  private done = 0;
  private readonly started = Date.now();
  constructor(
    private readonly io: CliIO,
    private readonly quiet: boolean,
    private total = 0,
  ) {}
  setTotal(total: number): void {
    this.total = total;
  }
  started_(accountId: string, slot: number): void {
    this.inFlight.set(slot, accountId);
  }
  finished(outcome: AccountOutcome): void {
    this.done += 1;
    for (const [slot, id] of this.inFlight) if (id === outcome.identity.accountId) this.inFlight.delete(slot);
    if (this.quiet) return;
    const elapsed = Date.now() - this.started;
    const left = this.total - this.done;
    const eta = this.done > 0 && left > 0 ? `, about ${formatDuration(Math.round((elapsed / this.done) * left))} left` : "";
    const what =
      outcome.status === "scanned"
        ? `scanned: ${outcome.result.summary.functions} function(s), score ${outcome.result.summary.score ?? "n/a"}, ${outcome.result.summary.counts.byStatus.fail} failed, ${outcome.result.summary.counts.byStatus.unknown} unknown`
        : `${outcome.status}: ${outcome.reason}`;
    const slots = [...this.inFlight.entries()].sort((a, b) => a[0] - b[0]).map(([slot, id]) => `${slot + 1}:${id}`);
    this.io.stderr.write(
      `${terminalSafe(`[${this.done}/${this.total}] ${outcome.identity.accountId}${outcome.identity.name ? ` (${outcome.identity.name})` : ""} ${what}${eta}${slots.length > 0 ? `; in flight ${slots.join(" ")}` : ""}`)}\n`,
    );
  }
}

/** `scan` over several accounts: per-account files as each finishes, then the organisation reports. */
export async function runOrganizationScan(
  options: ResolvedOptions,
  checks: readonly AnyCheck[],
  inputs: RunInputs,
  plan: OrganizationPlanInput,
  io: CliIO,
  startedAt: Date,
): Promise<number> {
  const outputDir = resolve(io.cwd, options.outputDir as string);
  const formats = options.format.length > 0 ? [...new Set(options.format)] : ["json"];
  resolveReporters(formats);
  const stamp = fileStamp(startedAt);
  const organizationBase = organizationLayout.organizationBase(stamp, plan.selection.shard);
  for (const format of new Set(["json", ...formats])) await checkOutputPath(join(outputDir, `${organizationBase}.${extensionOf(format)}`), "--output-dir");
  const progress = new OrganizationProgress(io, options.quiet);
  // Loaded on use, as collect-account.ts is: it brings in the AWS SDK clients, which offline commands skip.
  const { scanOrganization } = await import("../library/organization-scan.js");
  const { result: organization } = await scanOrganization({
    regions: await selectRegions(options.regions, options.profile, io.env),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.connectTimeout ? { connectTimeoutMs: options.connectTimeout } : {}),
    ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.deadline ? { deadlineMs: options.deadline } : {}),
    checks: checks.map((selected) => selected.id),
    checkSettings: options.checkSettings,
    suppressions: inputs.suppressions,
    minimumSeverity: options.severity,
    selection: plan.selection,
    role: plan.role,
    ...(options.accountConcurrency ? { accountConcurrency: options.accountConcurrency } : {}),
    onPlan: (accounts) => {
      progress.setTotal(accounts);
      note(io, options.quiet, `scanning ${accounts} account(s)${plan.selection.shard ? ` (shard ${plan.selection.shard.index} of ${plan.selection.shard.count})` : ""}, ${options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY} at a time`);
    },
    onAccountStarted: (account, slot) => progress.started_(account.accountId, slot),
    onAccountFinished: async (outcome) => {
      progress.finished(outcome);
      if (outcome.status !== "scanned") return {};
      const directory = organizationLayout.accountDirectory(outputDir, outcome.identity.accountId);
      const base = organizationLayout.accountBase(outcome.identity.accountId, stamp);
      const snapshotPath = join(directory, `${base}.snapshot.json`);
      await writeSnapshot(snapshotPath, outcome.collected.snapshot);
      const written = await writeReports(outcome.result, checks, { formats: [...new Set(["json", ...formats])].filter((f) => f !== "terminal"), outputDir: directory, baseName: base }, io);
      const files: Record<string, string> = { snapshot: relative(outputDir, snapshotPath) };
      for (const path of written) files[path.slice(path.lastIndexOf(".") + 1)] = relative(outputDir, path);
      return files;
    },
  });
  const written = await writeOrganizationReports(organization, checks, formats, outputDir, organizationBase, io);
  reportWritten(organization, formats, written, options.quiet, io);
  const reasons = organizationExitReasons(organization, options);
  for (const reason of reasons) io.stderr.write(`lambda-posture: ${terminalSafe(reason.line)}\n`);
  return exitCodeOf(reasons);
}

