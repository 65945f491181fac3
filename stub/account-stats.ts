import { DEFAULT_QUOTAS, quotaFloor, type CallsByRegion, type FloorBreakdown, type QuotaSettings } from "./quotas.js";

/**
 * Calls counted by the account they acted as (the starting account, or the member whose role the
 * credentials assumed). AWS's quotas are per account (and region), so each account of an organisation
 * has its own floor, and accounts scanned in parallel can finish no sooner than the slowest of them.
 */
export interface AccountCallStats {
  /** Every request acting as the account. */
  total: number;
  /** Requests by `service:Operation`, every attempt counted. */
  calls: Record<string, number>;
  /** Requests that passed the account's quotas, by signing region and operation. */
  servedByRegion: CallsByRegion;
  /** Throttling answers because one of the account's buckets was empty, by operation. */
  throttled: Record<string, number>;
  /** AWS error answers, by `operation code` (AccessDenied of AssumeRole counts under the caller). */
  errors: Record<string, number>;
}

export function emptyAccountCallStats(): AccountCallStats {
  return { total: 0, calls: {}, servedByRegion: {}, throttled: {}, errors: {} };
}

/** The entry of one account, created on its first call. */
export function accountCallStats(byAccount: Record<string, AccountCallStats>, accountId: string): AccountCallStats {
  let entry = byAccount[accountId];
  if (!entry) {
    entry = emptyAccountCallStats();
    byAccount[accountId] = entry;
  }
  return entry;
}

export interface OrganizationFloor {
  /** Each account's floor, computed on its own calls with its own buckets. */
  accounts: Record<string, FloorBreakdown>;
  /** The account whose floor is highest: the floor of the whole organisation run in parallel. */
  slowest: { accountId: string; seconds: number; bindingBucket: string } | null;
  /** The sum of the floors: what scanning the accounts one after another could not go below. */
  sequentialSeconds: number;
}

export function organizationFloor(byAccount: Record<string, AccountCallStats>, quotas: QuotaSettings = DEFAULT_QUOTAS): OrganizationFloor {
  const accounts: Record<string, FloorBreakdown> = {};
  let slowest: OrganizationFloor["slowest"] = null;
  let sequentialSeconds = 0;
  for (const accountId of Object.keys(byAccount).sort()) {
    const floor = quotaFloor((byAccount[accountId] as AccountCallStats).servedByRegion, quotas);
    accounts[accountId] = floor;
    sequentialSeconds += floor.seconds;
    if (!slowest || floor.seconds > slowest.seconds) slowest = { accountId, seconds: floor.seconds, bindingBucket: floor.bindingBucket };
  }
  return { accounts, slowest, sequentialSeconds };
}
