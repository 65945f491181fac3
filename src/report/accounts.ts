import type { AccountEntry, OrganizationResult } from "../engine/organization.js";
import { compareWorstFirst } from "../engine/score.js";

/**
 * What the reporters need to know about the accounts of an organisation report: each finding names
 * its account by id (`Finding.accountId`); the name and the OU come from here. For a single-account
 * report there is no directory, and every lookup answers "not known".
 */
export class AccountDirectory {
  private readonly entries: ReadonlyMap<string, AccountEntry>;

  constructor(organization?: OrganizationResult) {
    this.entries = new Map((organization?.accounts ?? []).map((entry) => [entry.accountId, entry]));
  }

  entry(accountId: string): AccountEntry | undefined {
    return this.entries.get(accountId);
  }

  /** The account's name in AWS Organizations; empty when not known. */
  name(accountId: string): string {
    return this.entries.get(accountId)?.name ?? "";
  }

  /** The OU (or root) directly above the account; null when not known. */
  parentId(accountId: string): string | null {
    return this.entries.get(accountId)?.parentId ?? null;
  }
}

/** An OU id (`ou-xxxx-yyyyyyyy`); a root (`r-xxxx`) is not an organisational unit. */
export function isOrganizationalUnitId(id: string | null): id is string {
  return id !== null && id.startsWith("ou-");
}

const STATUS_ORDER: Readonly<Record<AccountEntry["status"], number>> = { scanned: 0, failed: 1, skipped: 2 };

/**
 * Accounts most in need of attention first: scanned accounts worst first (grade, then score: a
 * capped D before a B; those without a grade after them), then the ones that failed, then the
 * skipped; ties by account id. Every organisation report lists its accounts in this order.
 */
export function accountsWorstFirst(accounts: readonly AccountEntry[]): AccountEntry[] {
  const standing = (entry: AccountEntry) => ({ grade: entry.summary?.grade ?? null, score: entry.summary?.score ?? null });
  return [...accounts].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || compareWorstFirst(standing(a), standing(b)) || a.accountId.localeCompare(b.accountId),
  );
}

/** Why an account was not scanned, in one line: `failed (AccessDenied): the role cannot be assumed`. */
export function notScannedText(entry: AccountEntry): string {
  if (entry.status === "scanned") return "scanned";
  return `${entry.status}${entry.errorCode ? ` (${entry.errorCode})` : ""}: ${entry.reason ?? "no reason recorded"}`;
}

/** Open (not suppressed) failures of a scanned account, all severities. */
export function openFailures(entry: AccountEntry): number | null {
  if (!entry.summary) return null;
  return Object.values(entry.summary.counts.failedBySeverity).reduce((sum, count) => sum + count, 0);
}

/** The organisation's name for titles: its id, or "organisation" when the starting account could not read it. */
export function organizationLabel(organization: OrganizationResult): string {
  return organization.organization ? `organisation ${organization.organization.id}` : "organisation";
}
