import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { SEVERITIES } from "../engine/check.js";
import { checkSettingsSchema } from "../library/catalogue.js";
import { parseWithSchema, readJsonFile } from "../files/json-input.js";
import { formatDuration, parseDuration } from "../text/duration.js";
import { closest } from "../text/suggest.js";
import { InputError } from "./errors.js";

/**
 * Every option the CLI knows, in one table: its flag, its environment variable, its config-file key
 * and the commands that take it. Values are resolved once (flags, then LAMBDA_POSTURE_* variables,
 * then the config file, then defaults) and validated with zod in `resolveOptions`.
 */
type Kind = "string" | "boolean" | "list";
export interface OptionSpec {
  flag: string;
  key: string;
  kind: Kind;
  env?: string;
  short?: string;
  commands: readonly string[];
  description: string;
  valueName?: string;
  /** Commands that take this option from their flags only (the scan-oriented variable or config value would not fit them). */
  flagOnlyFor?: readonly string[];
}

const REPORTING = ["check", "demo", "scan"] as const;

/** Stored results kept per account under --history: a year of weekly scans, a month of daily ones. */
export const DEFAULT_HISTORY_KEEP = 52;
/** More than this is no trend a chart or a table can show, and reading them all would be slow. */
export const MAXIMUM_HISTORY_KEEP = 1_000;
const LIVE = ["scan", "collect"] as const;

export const OPTION_SPECS: readonly OptionSpec[] = [
  { flag: "snapshot", key: "snapshot", kind: "string", commands: ["check"], description: "Snapshot file written by `collect` or `scan --snapshot-out`", valueName: "FILE" },
  { flag: "format", key: "format", kind: "list", env: "LAMBDA_POSTURE_FORMAT", short: "f", commands: [...REPORTING, "merge", "checks", "diff", "permissions", "history"], description: "Output format, repeatable or comma-separated", valueName: "FORMAT", flagOnlyFor: ["checks", "diff", "permissions", "history"] },
  { flag: "output", key: "output", kind: "string", short: "o", commands: [...REPORTING, "diff", "collect", "permissions"], description: "Write the (single) format to this file; `-` for stdout; for reports, DIR/ writes into DIR", valueName: "FILE" },
  { flag: "output-dir", key: "outputDir", kind: "string", env: "LAMBDA_POSTURE_OUTPUT_DIR", commands: [...REPORTING, "merge"], description: "Write every format to DIR/lambda-posture.<ext>", valueName: "DIR" },
  { flag: "severity", key: "severity", kind: "string", env: "LAMBDA_POSTURE_SEVERITY", commands: [...REPORTING], description: `Minimum severity to report (${SEVERITIES.join(", ")})`, valueName: "LEVEL" },
  { flag: "checks", key: "checks", kind: "list", env: "LAMBDA_POSTURE_CHECKS", commands: [...REPORTING, ...LIVE], description: "Run only these check ids (comma-separated)", valueName: "IDS" },
  { flag: "skip-checks", key: "skipChecks", kind: "list", env: "LAMBDA_POSTURE_SKIP_CHECKS", commands: [...REPORTING, ...LIVE], description: "Do not run these check ids", valueName: "IDS" },
  { flag: "suppressions", key: "suppressions", kind: "string", env: "LAMBDA_POSTURE_SUPPRESSIONS", commands: [...REPORTING], description: "Suppressions file (JSON)", valueName: "FILE" },
  { flag: "fail-on", key: "failOn", kind: "string", env: "LAMBDA_POSTURE_FAIL_ON", commands: [...REPORTING, "merge"], description: `Exit 1 when an open finding is at or above this severity (${SEVERITIES.join(", ")}, none)`, valueName: "LEVEL" },
  { flag: "fail-on-gaps", key: "failOnGaps", kind: "boolean", env: "LAMBDA_POSTURE_FAIL_ON_GAPS", commands: [...REPORTING, "merge"], description: "Exit 4 when any read failed (the scan is incomplete)" },
  { flag: "baseline", key: "baseline", kind: "string", commands: ["scan", "check"], description: "Previous scan result (JSON) to diff against", valueName: "FILE" },
  { flag: "fail-on-new", key: "failOnNew", kind: "string", env: "LAMBDA_POSTURE_FAIL_ON_NEW", commands: ["scan", "check", "diff"], description: `Exit 1 only for new findings at or above this severity (${SEVERITIES.join(", ")}, none)`, valueName: "LEVEL" },
  { flag: "regions", key: "regions", kind: "list", env: "LAMBDA_POSTURE_REGIONS", commands: [...LIVE], description: "Regions to scan (comma-separated) or `all`", valueName: "LIST" },
  { flag: "profile", key: "profile", kind: "string", env: "LAMBDA_POSTURE_PROFILE", commands: [...LIVE], description: "Shared config / SSO profile (default: AWS_PROFILE or the default chain)", valueName: "NAME" },
  { flag: "role-arn", key: "roleArn", kind: "string", env: "LAMBDA_POSTURE_ROLE_ARN", commands: [...LIVE], description: "Assume this read-only role first", valueName: "ARN" },
  { flag: "external-id", key: "externalId", kind: "string", env: "LAMBDA_POSTURE_EXTERNAL_ID", commands: [...LIVE], description: "External id for --role-arn", valueName: "ID" },
  { flag: "session-name", key: "sessionName", kind: "string", env: "LAMBDA_POSTURE_SESSION_NAME", commands: [...LIVE], description: "Session name for --role-arn (default lambda-posture)", valueName: "NAME" },
  { flag: "concurrency", key: "concurrency", kind: "string", env: "LAMBDA_POSTURE_CONCURRENCY", commands: [...LIVE], description: "Maximum requests in flight per region (default: paced by AWS quotas)", valueName: "N" },
  { flag: "connect-timeout", key: "connectTimeout", kind: "string", env: "LAMBDA_POSTURE_CONNECT_TIMEOUT", commands: [...LIVE], description: "Time allowed to open a connection to AWS (default 5s)", valueName: "DURATION" },
  { flag: "request-timeout", key: "requestTimeout", kind: "string", env: "LAMBDA_POSTURE_REQUEST_TIMEOUT", commands: [...LIVE], description: "Time allowed for one request and its answer (default 30s)", valueName: "DURATION" },
  { flag: "max-attempts", key: "maxAttempts", kind: "string", env: "LAMBDA_POSTURE_MAX_ATTEMPTS", commands: [...LIVE], description: "Attempts per request, retries included (default 5)", valueName: "N" },
  { flag: "deadline", key: "deadline", kind: "string", env: "LAMBDA_POSTURE_DEADLINE", commands: [...LIVE], description: "Stop reading after this long and report what was read (e.g. 30m; default none)", valueName: "DURATION" },
  { flag: "accounts", key: "accounts", kind: "list", env: "LAMBDA_POSTURE_ACCOUNTS", commands: ["scan"], description: "Scan these accounts (comma-separated ids), entering each with --role-name or --role-arn", valueName: "IDS" },
  { flag: "accounts-file", key: "accountsFile", kind: "string", env: "LAMBDA_POSTURE_ACCOUNTS_FILE", commands: ["scan"], description: "Scan the accounts listed in FILE (one id a line, # comments)", valueName: "FILE" },
  { flag: "organization", key: "organization", kind: "boolean", env: "LAMBDA_POSTURE_ORGANIZATION", commands: ["scan"], description: "Scan the organisation's accounts, listed with AWS Organizations (management or delegated administrator credentials)" },
  { flag: "ou", key: "organizationalUnits", kind: "list", env: "LAMBDA_POSTURE_OU", commands: ["scan"], description: "With --organization: only the accounts under these OUs or roots, recursively", valueName: "IDS" },
  { flag: "exclude-accounts", key: "excludeAccounts", kind: "list", env: "LAMBDA_POSTURE_EXCLUDE_ACCOUNTS", commands: ["scan"], description: "Leave these accounts out (comma-separated ids)", valueName: "IDS" },
  { flag: "role-name", key: "roleName", kind: "string", env: "LAMBDA_POSTURE_ROLE_NAME", commands: ["scan"], description: "Enter each account by assuming arn:PARTITION:iam::ACCOUNT:role/NAME", valueName: "NAME" },
  { flag: "session-duration", key: "sessionDuration", kind: "string", env: "LAMBDA_POSTURE_SESSION_DURATION", commands: [...LIVE], description: "AssumeRole session length (15m to 12h; default AWS's 1h; refreshed before it ends)", valueName: "DURATION" },
  { flag: "account-concurrency", key: "accountConcurrency", kind: "string", env: "LAMBDA_POSTURE_ACCOUNT_CONCURRENCY", commands: ["scan"], description: "Accounts scanned at once (default 8)", valueName: "N" },
  { flag: "shard", key: "shard", kind: "string", env: "LAMBDA_POSTURE_SHARD", commands: ["scan"], description: "Scan one slice of the accounts: INDEX/COUNT (1-based) or auto/COUNT (AWS Batch or Kubernetes index)", valueName: "I/N" },
  { flag: "dry-run", key: "dryRun", kind: "boolean", commands: ["scan"], description: "Print the plan (accounts, regions, shard, outputs) and exit without calling AWS" },
  { flag: "history", key: "history", kind: "string", env: "LAMBDA_POSTURE_HISTORY", commands: ["scan", "check"], description: "Keep each result in DIR under a dated name and show the trend of the kept scans", valueName: "DIR" },
  { flag: "history-keep", key: "historyKeep", kind: "string", env: "LAMBDA_POSTURE_HISTORY_KEEP", commands: ["scan", "check", "history"], description: `Results kept per account in the history directory, the oldest removed first (default ${DEFAULT_HISTORY_KEEP})`, valueName: "N" },
  { flag: "verbose", key: "verbose", kind: "boolean", env: "LAMBDA_POSTURE_VERBOSE", commands: [...LIVE], description: "After collection, print the calls, throttled answers and gaps by API operation" },
  { flag: "snapshot-out", key: "snapshotOut", kind: "string", commands: ["scan"], description: "Also save the collected snapshot to FILE (mode 0600)", valueName: "FILE" },
  { flag: "partition", key: "partition", kind: "string", commands: ["permissions"], description: "AWS partition for the ARNs in the policy (default aws; the template takes it from the stack)", valueName: "NAME" },
  { flag: "config", key: "config", kind: "string", env: "LAMBDA_POSTURE_CONFIG", short: "c", commands: [...REPORTING, ...LIVE, "checks", "diff", "merge"], description: "Config file (JSON; default ./lambda-posture.config.json when present)", valueName: "FILE" },
  { flag: "quiet", key: "quiet", kind: "boolean", env: "LAMBDA_POSTURE_QUIET", short: "q", commands: [...REPORTING, ...LIVE, "diff", "merge", "permissions", "history"], description: "No progress or summary on stderr" },
  { flag: "help", key: "help", kind: "boolean", short: "h", commands: ["*"], description: "Show help for this command" },
];

export const DEFAULT_CONFIG_FILE = "lambda-posture.config.json";

const severity = z.enum(SEVERITIES);
/** A severity threshold, or `none` for no threshold. */
const threshold = z.enum([...SEVERITIES, "none"]);
const checkIdList = z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected check ids such as function-url-auth-none"));

/** The config file: the same keys as the resolved options, plus check thresholds. */
export const configFileSchema = z
  .object({
    format: z.array(z.string()).optional(),
    outputDir: z.string().optional(),
    severity: severity.optional(),
    failOn: threshold.optional(),
    failOnNew: threshold.optional(),
    checks: checkIdList.optional(),
    skipChecks: checkIdList.optional(),
    suppressions: z.string().optional(),
    regions: z.array(z.string()).optional(),
    profile: z.string().optional(),
    roleArn: z.string().optional(),
    externalId: z.string().optional(),
    sessionName: z.string().optional(),
    concurrency: z.number().int().positive().optional(),
    connectTimeout: z.union([z.string(), z.number()]).optional(),
    requestTimeout: z.union([z.string(), z.number()]).optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    deadline: z.union([z.string(), z.number()]).optional(),
    quiet: z.boolean().optional(),
    failOnGaps: z.boolean().optional(),
    accounts: z.array(z.string()).optional(),
    accountsFile: z.string().optional(),
    organization: z.boolean().optional(),
    organizationalUnits: z.array(z.string()).optional(),
    excludeAccounts: z.array(z.string()).optional(),
    roleName: z.string().optional(),
    sessionDuration: z.union([z.string(), z.number()]).optional(),
    accountConcurrency: z.number().int().positive().optional(),
    shard: z.string().optional(),
    history: z.string().optional(),
    historyKeep: z.number().int().min(2).max(MAXIMUM_HISTORY_KEEP).optional(),
    verbose: z.boolean().optional(),
    checkSettings: checkSettingsSchema.partial().optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;

const positiveInteger = z.coerce.number().int("must be a whole number").positive("must be at least 1");

/** A duration (`30s`, `30m`, `1h30m`, a number of seconds) as milliseconds, within bounds. */
function duration(expected: string, minimumMs: number, maximumMs: number) {
  return z
    .union([z.string(), z.number()])
    .transform((value, context) => {
      const ms = typeof value === "number" ? Math.round(value * 1_000) : parseDuration(value);
      if (ms === undefined || ms < minimumMs || ms > maximumMs) {
        context.addIssue({ code: "custom", message: `expected ${expected}, between ${formatDuration(minimumMs)} and ${formatDuration(maximumMs)}` });
        return z.NEVER;
      }
      return ms;
    });
}

export const resolvedOptionsSchema = z.object({
  snapshot: z.string().optional(),
  format: z.array(z.string()).default([]),
  output: z.string().optional(),
  outputDir: z.string().optional(),
  severity: severity.default("info"),
  checks: checkIdList.optional(),
  skipChecks: checkIdList.default([]),
  suppressions: z.string().optional(),
  failOn: threshold.default("none"),
  failOnNew: threshold.default("none"),
  baseline: z.string().optional(),
  regions: z.array(z.string().min(1)).optional(),
  profile: z.string().optional(),
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::(\d{12}|\{accountId\}):role\/.+$/, "expected an IAM role ARN (with {accountId} for several accounts)").optional(),
  externalId: z.string().optional(),
  sessionName: z.string().regex(/^[\w+=,.@-]{2,64}$/, "2-64 characters of letters, digits and +=,.@-").default("lambda-posture"),
  concurrency: positiveInteger.optional(),
  connectTimeout: duration("a duration such as 5s or 500ms", 100, 10 * 60_000).optional(),
  requestTimeout: duration("a duration such as 30s or 2m", 100, 60 * 60_000).optional(),
  maxAttempts: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(10, "must be at most 10").optional(),
  deadline: duration("a duration such as 30m, 1h30m or 900s", 1_000, 7 * 24 * 3_600_000).optional(),
  snapshotOut: z.string().optional(),
  accounts: z.array(z.string()).optional(),
  accountsFile: z.string().optional(),
  organization: z.boolean().default(false),
  organizationalUnits: z.array(z.string()).default([]),
  excludeAccounts: z.array(z.string()).default([]),
  roleName: z.string().optional(),
  // AssumeRole DurationSeconds: 900 s to 43,200 s (the role's maximum session duration may be lower).
  sessionDuration: duration("a duration such as 1h or 45m", 900_000, 43_200_000).optional(),
  accountConcurrency: positiveInteger.max(64, "must be at most 64").optional(),
  shard: z.string().regex(/^(\d+|auto)\/\d+$/, "expected INDEX/COUNT such as 2/5, or auto/COUNT").optional(),
  dryRun: z.boolean().default(false),
  history: z.string().optional(),
  // Two at least: a trend needs the previous scan beside the current one.
  historyKeep: z.coerce.number().int("must be a whole number").min(2, "must be at least 2").max(MAXIMUM_HISTORY_KEEP, `must be at most ${MAXIMUM_HISTORY_KEEP}`).default(DEFAULT_HISTORY_KEEP),
  verbose: z.boolean().default(false),
  partition: z.string().optional(),
  config: z.string().optional(),
  quiet: z.boolean().default(false),
  failOnGaps: z.boolean().default(false),
  help: z.boolean().default(false),
  checkSettings: checkSettingsSchema.partial().default({}),
  positionals: z.array(z.string()).default([]),
});
export type ResolvedOptions = z.infer<typeof resolvedOptionsSchema>;

export function specsFor(command: string): OptionSpec[] {
  return OPTION_SPECS.filter((spec) => spec.commands.includes(command) || spec.commands.includes("*"));
}

const splitList = (values: string[]) =>
  values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "");

function parseFlags(command: string, argv: readonly string[]): { values: Record<string, unknown>; positionals: string[] } {
  const specs = specsFor(command);
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const spec of specs) {
    options[spec.flag] = {
      type: spec.kind === "boolean" ? "boolean" : "string",
      ...(spec.kind === "list" ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknownFlag = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknownFlag) {
      const suggestion = closest(unknownFlag.replace(/^-+/, ""), specs.map((spec) => spec.flag));
      throw new InputError(
        `unknown option ${unknownFlag} for \`${command}\`${suggestion ? ` (did you mean --${suggestion}?)` : ""}; see \`lambda-posture ${command} --help\``,
      );
    }
    throw new InputError(`${message.replace(/\. To specify.*$/, "")} (see \`lambda-posture ${command} --help\`)`);
  }
  const values: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = (parsed.values as Record<string, unknown>)[spec.flag];
    if (value === undefined) continue;
    values[spec.key] = spec.kind === "list" ? splitList(value as string[]) : value;
  }
  return { values, positionals: parsed.positionals };
}

function readEnvironment(command: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of specsFor(command)) {
    if (!spec.env || spec.flagOnlyFor?.includes(command)) continue;
    const raw = env[spec.env];
    if (raw === undefined || raw === "") continue;
    if (spec.kind === "boolean") {
      if (!/^(1|0|true|false|yes|no)$/i.test(raw)) throw new InputError(`${spec.env}=${raw}: expected true or false`);
      values[spec.key] = /^(1|true|yes)$/i.test(raw);
    } else values[spec.key] = spec.kind === "list" ? splitList([raw]) : raw;
  }
  return values;
}

async function readConfig(path: string): Promise<ConfigFile> {
  const raw = await readJsonFile(path, "config file");
  return parseWithSchema(configFileSchema, raw, "lambda-posture config file", path);
}

/** Flags, then LAMBDA_POSTURE_* variables, then the config file, then defaults; validated once. */
export async function resolveOptions(
  command: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<ResolvedOptions> {
  const flags = parseFlags(command, argv);
  const fromEnv = readEnvironment(command, env);
  const configPath = (flags.values.config as string | undefined) ?? (fromEnv.config as string | undefined);
  const defaultConfig = resolve(cwd, DEFAULT_CONFIG_FILE);
  let config: ConfigFile = {};
  if (configPath) config = await readConfig(resolve(cwd, configPath));
  else if (existsSync(defaultConfig)) config = await readConfig(defaultConfig);

  const allowedKeys = new Set(specsFor(command).filter((spec) => !spec.flagOnlyFor?.includes(command)).map((spec) => spec.key));
  const fromConfig = Object.fromEntries(
    Object.entries(config).filter(([key]) => allowedKeys.has(key) && key !== "config"),
  );
  const merged = { ...fromConfig, ...fromEnv, ...flags.values, checkSettings: config.checkSettings ?? {}, positionals: flags.positionals };
  const result = resolvedOptionsSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? "");
    // An enumerated option names its values, so the fix is in the message.
    const expected = issue.code === "invalid_value" ? `expected one of ${issue.values.map(String).join(", ")}` : issue.message;
    const spec = OPTION_SPECS.find((candidate) => candidate.key === key);
    const where = spec ? `--${spec.flag}${spec.env ? ` (or ${spec.env})` : ""}` : key;
    const received = (merged as Record<string, unknown>)[key];
    throw new InputError(`${where}: ${expected}${received !== undefined && typeof received !== "object" ? ` (got ${JSON.stringify(received)})` : ""}`);
  }
  return result.data;
}
