import type { ListedAccount, OrganizationListing } from "../collect/organization-accounts.js";
import type { AccountIdentity } from "../engine/organization.js";
import { InputError } from "../errors.js";

/*
 * Choosing the accounts of an organisation scan, without any I/O: the CLI validates options and prints
 * --dry-run plans from here without loading the AWS SDK, which organisation-scan.ts brings in.
 */

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
 * accounts in parallel do not slow each other down at AWS; what limits them is this process's CPU, on
 * one thread: every call costs the SDK's building, signing and parsing, and an account paced at its
 * quotas keeps 10–12% of a core busy (about 28 ms of CPU a function, measured by `npm run bench --
 * --only organization`: docs/performance.md "Organisation scans"). One core keeps about 8 to 11 accounts
 * at their quota pace; more only wait for the CPU while holding memory. docs/organizations.md "How many
 * accounts at once" says why to the user.
 */
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;
export const MAX_ACCOUNT_CONCURRENCY = 64;

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
export const SCANNABLE_STATES = new Set(["ACTIVE"]);

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
