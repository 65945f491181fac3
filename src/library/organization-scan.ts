import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import { resolveAccount, type AccountIdentity as CallerIdentity } from "../aws/account.js";
import { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import type { CollectResult } from "../collect/index.js";
import { listOrganizationAccounts, type ListedAccount, type OrganizationListing } from "../collect/organization-accounts.js";
import {
  OrganizationResultBuilder,
  type AccountIdentity,
  type OrganizationResult,
  type UnscannedAccount,
} from "../engine/organization.js";
import type { ScanResult } from "../engine/result-schema.js";
import { InputError } from "../errors.js";
import { TOOL } from "../package-info.js";
import type { Gap } from "../snapshot/schema.js";
import { scan, type ScanOptions } from "./scan.js";

/** Which accounts an organisation scan covers. Exactly one of `accounts` and `organization`. */
export interface AccountSelection {
  /** Account ids given by the caller (`--accounts`, `--accounts-file`). */
  accounts?: readonly string[];
  /** List them with AWS Organizations (`--organization`); with `organizationalUnits`, only under those OUs or roots. */
  organization?: boolean;
  organizationalUnits?: readonly string[];
  /** Never scanned, never reported (`--exclude-accounts`). */
  exclude?: readonly string[];
  /** This process's slice (1-based `index` of `count`): sorted ids, round-robin. */
  shard?: { index: number; count: number };
}

/** How a member account is entered: `{accountId}` in `roleArnTemplate`, or the role's name. */
export interface MemberRole {
  roleName?: string;
  /** A role ARN with `{accountId}` where the account id goes. */
  roleArnTemplate?: string;
  externalId?: string;
  sessionName?: string;
  sessionDurationSeconds?: number;
}

/**
 * Accounts scanned at once when the caller does not say. Each account has its own AWS quotas, so
 * accounts in parallel do not slow each other down at AWS; what limits them is this machine (sockets,
 * CPU for the checks, memory for the accounts in flight). docs/performance.md shows the measurement.
 */
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;
export const MAX_ACCOUNT_CONCURRENCY = 64;

export type AccountOutcome =
  | { status: "scanned"; identity: AccountIdentity; collected: CollectResult; result: ScanResult }
  | ({ status: "failed" | "skipped" } & UnscannedAccount);

export interface OrganizationScanOptions
  extends Omit<ScanOptions, "roleArn" | "externalId" | "sessionName" | "sessionDurationSeconds" | "scanId" | "onProgress"> {
  selection: AccountSelection;
  role: MemberRole;
  accountConcurrency?: number;
  /** The accounts are known (listed or given, in this shard): how many will be scanned or reported. */
  onPlan?: (accounts: number) => void;
  /** An account starts: its slot (0-based) among `accountConcurrency`. */
  onAccountStarted?: (account: AccountIdentity, slot: number) => void;
  /**
   * An account is done (scanned, failed or skipped). Write its files here: the result is dropped
   * after this returns, so memory holds only the accounts in flight. Returns the files written, by
   * format, for the organisation result.
   */
  onAccountFinished?: (outcome: AccountOutcome) => Promise<Record<string, string>> | Record<string, string>;
}

/** The accounts a selection resolves to, before any is scanned. */
export interface AccountPlan {
  /** Listed (or given) and in this shard, in id order. */
  accounts: AccountIdentity[];
  /** In the selection but outside this shard. */
  otherShards: number;
  excluded: string[];
  organization: OrganizationListing["organization"];
}

/** AWS Organizations states in which an account can be entered; the others are skipped with their state as the reason. */
const SCANNABLE_STATES = new Set(["ACTIVE"]);

/** Accounts in this shard of a selection: sorted ids, account i to shard (i mod count) + 1. */
export function shardSlice<T extends { accountId: string }>(accounts: readonly T[], shard: AccountSelection["shard"]): T[] {
  const sorted = [...accounts].sort((a, b) => a.accountId.localeCompare(b.accountId));
  if (!shard) return sorted;
  return sorted.filter((_, position) => position % shard.count === shard.index - 1);
}

/** The plan from a listing (or the given ids): exclusions, then the shard. */
export function planAccounts(listed: readonly ListedAccount[], selection: AccountSelection, organization: AccountPlan["organization"] = null): AccountPlan {
  const excluded = new Set(selection.exclude ?? []);
  const kept = listed.filter((account) => !excluded.has(account.accountId));
  const slice = shardSlice(kept, selection.shard);
  return {
    accounts: slice.map(({ accountId, name, state, parentId }) => ({ accountId, name, state, parentId })),
    otherShards: kept.length - slice.length,
    excluded: [...excluded].filter((id) => listed.some((account) => account.accountId === id)).sort(),
    organization,
  };
}

export function roleArnFor(accountId: string, partition: string, role: MemberRole): string {
  if (role.roleArnTemplate) return role.roleArnTemplate.replaceAll("{accountId}", accountId);
  if (!role.roleName) throw new InputError("scanning another account needs --role-name NAME or --role-arn with {accountId}");
  return `arn:${partition}:iam::${accountId}:role/${role.roleName}`;
}

/** Checks the selection and role options before any call: a mistake fails in a second with exit 2. */
export function validateSelection(selection: AccountSelection, role: MemberRole): void {
  if ((selection.organizationalUnits?.length ?? 0) > 0 && !selection.organization) throw new InputError("--ou lists accounts with AWS Organizations: add --organization");
  const given = [selection.accounts !== undefined, selection.organization === true].filter(Boolean).length;
  if (given !== 1) throw new InputError("choose the accounts with one of --accounts, --accounts-file or --organization (with --ou)");
  for (const id of [...(selection.accounts ?? []), ...(selection.exclude ?? [])]) {
    if (!/^\d{12}$/.test(id)) throw new InputError(`not an AWS account id: ${JSON.stringify(id)} (12 digits)`);
  }
  for (const unit of selection.organizationalUnits ?? []) {
    if (!/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(unit)) {
      throw new InputError(`--ou: not an organisational unit or root id: ${JSON.stringify(unit)} (ou-xxxx-yyyyyyyy or r-xxxx)`);
    }
  }
  if (selection.shard && (selection.shard.index < 1 || selection.shard.index > selection.shard.count)) {
    throw new InputError(`--shard ${selection.shard.index}/${selection.shard.count}: the index must be between 1 and ${selection.shard.count}`);
  }
  if (role.roleArnTemplate !== undefined) {
    if (!role.roleArnTemplate.includes("{accountId}")) throw new InputError("--role-arn for several accounts needs {accountId} where the account id goes, e.g. arn:aws:iam::{accountId}:role/lambda-posture-reader");
    if (!/^arn:aws[a-z-]*:iam::\{accountId\}:role\/[\w+=,.@/-]+$/.test(role.roleArnTemplate)) {
      throw new InputError(`--role-arn: expected arn:PARTITION:iam::{accountId}:role/NAME (got ${JSON.stringify(role.roleArnTemplate)})`);
    }
  }
  if (role.roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(role.roleName)) throw new InputError(`--role-name: not an IAM role name: ${JSON.stringify(role.roleName)}`);
  if (role.roleName !== undefined && role.roleArnTemplate !== undefined) throw new InputError("--role-name and --role-arn cannot be used together");
}

/**
 * Scans every account of a selection, `accountConcurrency` at a time, each exactly as a single-account
 * `scan` (its own credentials, rate buckets, deadline and result). An account that cannot be entered
 * or read is a failed account with its gap; a suspended or closed one is skipped; the others go on.
 * The starting account is scanned with the caller's own credentials when it is selected. Returns the
 * organisation result; throws only when nothing can start (no credentials, the listing failed).
 */
export async function scanOrganization(options: OrganizationScanOptions): Promise<{ result: OrganizationResult; caller: CallerIdentity }> {
  validateSelection(options.selection, options.role);
  const startedAt = new Date();
  const { selection, role, accountConcurrency, onPlan, onAccountStarted, onAccountFinished, credentials, profile, signal, ...scanOptions } = options;
  const homeRegion = options.homeRegion ?? (options.regions !== "all" && options.regions[0] ? options.regions[0] : undefined);
  const caller = new AwsClients({
    homeRegion: homeRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(profile ? { profile } : {}),
    ...(credentials ? { credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
  });
  try {
    const stop = signal ?? new AbortController().signal;
    const identity = await resolveAccount(caller, stop);
    const listing: OrganizationListing = selection.organization
      ? await listOrganizationAccounts(caller, selection.organizationalUnits ?? [], stop)
      : { organization: null, accounts: (selection.accounts ?? []).map((accountId) => ({ accountId, name: null, state: null, parentId: null })) };
    const plan = planAccounts(listing.accounts, selection, listing.organization);
    onPlan?.(plan.accounts.length);
    if (plan.accounts.some((account) => account.accountId !== identity.accountId)) roleArnFor("000000000000", identity.partition, role);

    const builder = new OrganizationResultBuilder();
    const limit = pLimit(Math.min(Math.max(1, accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY), MAX_ACCOUNT_CONCURRENCY));
    const freeSlots = Array.from({ length: limit.concurrency }, (_, slot) => limit.concurrency - 1 - slot);
    const scanId = randomUUID();
    const finish = async (outcome: AccountOutcome) => {
      const files = (await onAccountFinished?.(outcome)) ?? {};
      if (outcome.status === "scanned") builder.addScanned({ identity: outcome.identity, result: outcome.result, files });
      else builder.addUnscanned(outcome);
    };
    await Promise.all(
      plan.accounts.map((account) =>
        limit(async () => {
          if (account.state !== null && !SCANNABLE_STATES.has(account.state)) {
            await finish({ status: "skipped", identity: account, reason: `the account is ${account.state} in AWS Organizations`, errorCode: null });
            return;
          }
          if (stop.aborted) {
            await finish(failure(account, "not started: the scan was stopped", "Stopped"));
            return;
          }
          const slot = freeSlots.pop() ?? 0;
          onAccountStarted?.(account, slot);
          const own = account.accountId === identity.accountId;
          try {
            const outcome = await scan({
              ...scanOptions,
              ...(signal ? { signal } : {}),
              credentials: caller.callerCredentials,
              ...(own
                ? {}
                : {
                    roleArn: roleArnFor(account.accountId, identity.partition, role),
                    ...(role.externalId ? { externalId: role.externalId } : {}),
                    ...(role.sessionDurationSeconds ? { sessionDurationSeconds: role.sessionDurationSeconds } : {}),
                  }),
              ...(role.sessionName ? { sessionName: role.sessionName } : {}),
              scanId: `${scanId}:${account.accountId}`,
            });
            if (outcome.result.accountId !== account.accountId) {
              await finish(failure(account, `the credentials for ${account.accountId} belong to account ${outcome.result.accountId}`, "WrongAccount"));
              return;
            }
            await finish({ status: "scanned", identity: account, collected: outcome, result: outcome.result });
          } catch (error) {
            if (error instanceof InputError) throw error;
            const classified = classifyAwsError(error);
            const code = (error as { code?: string }).code ?? classified.code;
            await finish(failure(account, (error as Error).message, code, own));
          } finally {
            freeSlots.push(slot);
          }
        }),
      ),
    );
    const result = builder.build({
      scanId,
      tool: TOOL,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      partition: identity.partition,
      organization: listing.organization,
      selection: {
        source: selection.organization ? ((selection.organizationalUnits?.length ?? 0) > 0 ? "ou" : "organization") : "accounts",
        organizationalUnits: [...(selection.organizationalUnits ?? [])],
        excluded: plan.excluded,
        shard: selection.shard ?? null,
      },
      ...(options.minimumSeverity ? { minimumSeverity: options.minimumSeverity } : {}),
    });
    return { result, caller: identity };
  } finally {
    caller.destroy();
  }
}

/**
 * A failed account and its gap. Entering the account (AssumeRole, then GetCallerIdentity) is where
 * most failures happen; anything later that stopped the whole account (every region unreadable) is
 * named by its message.
 */
function failure(identity: AccountIdentity, message: string, errorCode: string, ownCredentials = false): AccountOutcome {
  // The single-account hint about credentials flags does not fit an account entered by role.
  const reason = message.replace(/ \(set AWS credentials, --profile, or --role-arn\)$/, "").slice(0, 500);
  const entering = reason.startsWith("cannot identify the AWS account");
  const gap: Gap = {
    service: entering || errorCode === "Stopped" ? "sts" : "lambda",
    operation: errorCode === "Stopped" ? "AssumeRole" : entering ? (ownCredentials ? "GetCallerIdentity" : "AssumeRole") : "ListFunctions",
    region: "global",
    errorCode,
    message: reason,
  };
  return { status: "failed", identity, reason, errorCode, gap };
}
