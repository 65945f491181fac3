import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import { resolveAccount, type AccountIdentity as CallerIdentity } from "../aws/account.js";
import { AwsClients } from "../aws/clients.js";
import { classifyAwsError } from "../aws/errors.js";
import type { CollectResult } from "../collect/index.js";
import { listOrganizationAccounts, type OrganizationListing } from "../collect/organization-accounts.js";
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
import {
  DEFAULT_ACCOUNT_CONCURRENCY,
  MAX_ACCOUNT_CONCURRENCY,
  SCANNABLE_STATES,
  planAccounts,
  roleArnFor,
  validateSelection,
  type AccountSelection,
  type MemberRole,
} from "./account-selection.js";

export { DEFAULT_ACCOUNT_CONCURRENCY, MAX_ACCOUNT_CONCURRENCY, planAccounts, roleArnFor, shardSlice, validateSelection } from "./account-selection.js";
export type { AccountPlan, AccountSelection, MemberRole } from "./account-selection.js";

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
