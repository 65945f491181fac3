import type { Role } from "../src/snapshot/schema.js";
import type { StubAccount, StubOrganization, StubOrganizationAccount } from "./account.js";
import { createRandom } from "./random.js";
import { generateSyntheticAccount } from "./synthetic.js";

/**
 * A synthetic AWS Organization for the organisation scan's end-to-end tests and benchmark: a
 * management account and `accounts - 1` members, each a synthetic account of `functionsPerAccount`
 * functions (stub/synthetic.ts) with its own seed, and, in every member, the read-only role
 * `lambda-posture-reader` trusting the management account (optionally only with an external id), as a
 * StackSet would roll it out. The management account has no such role: a scan starts there with its
 * own credentials.
 *
 * Which members are special is fixed, so tests can name them: the last `suspended` members are
 * SUSPENDED (listed by Organizations, not served: assuming a role there is denied), and the
 * `unassumable` members before them cannot be assumed (alternately: no reader role at all, and a
 * reader role that trusts another account). Serve it with
 * `startStub({ account: org.management, members: org.members })`.
 */
export interface SyntheticOrganizationOptions {
  /** Accounts in the organisation, the management account included (at least 1). */
  accounts: number;
  functionsPerAccount: number;
  regions: string[];
  seed?: number;
  /** Members whose reader role the management account cannot assume. Default 0. */
  unassumable?: number;
  /** Members in state SUSPENDED. Default 0. */
  suspended?: number;
  /** OUs: OU 0 under the root, odd OUs nested in the one before, even ones under the root. Default 0. */
  organizationalUnits?: number;
  /** When set, the reader roles trust the management account only with this sts:ExternalId. */
  externalId?: string;
  /** Default 210987654321 (the default of generateSyntheticAccount). */
  managementAccountId?: string;
}

export interface SyntheticOrganization {
  /** The starting account, with `organization` (its listings) set. */
  management: StubAccount;
  /** The accounts the stub serves besides the management account: every member not suspended. */
  members: StubAccount[];
  organization: StubOrganization;
  readerRoleName: string;
  /** Sorted account ids, the management account included. */
  activeAccountIds: string[];
  /** Active members whose reader role the management account can assume, sorted. */
  assumableAccountIds: string[];
  unassumableAccountIds: string[];
  suspendedAccountIds: string[];
}

export const READER_ROLE_NAME = "lambda-posture-reader";

/** A trust that no caller outside this account can satisfy, for the unassumable members. */
const UNRELATED_ACCOUNT = "999999999999";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function memberAccountId(index: number): string {
  return String(300000000001 + index);
}

function readerRole(accountId: string, trustedAccountId: string, externalId: string | undefined): Role {
  const statement: Record<string, unknown> = {
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${trustedAccountId}:root` },
    Action: "sts:AssumeRole",
  };
  if (externalId !== undefined) statement.Condition = { StringEquals: { "sts:ExternalId": externalId } };
  return {
    arn: `arn:aws:iam::${accountId}:role/${READER_ROLE_NAME}`,
    name: READER_ROLE_NAME,
    path: "/",
    createDate: "2026-01-05T00:00:00Z",
    trustPolicy: { Version: "2012-10-17", Statement: [statement] },
    // The scanner never reads its own role's permissions; the stub grants every served read anyway.
    attachedPolicyArns: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    lastUsed: null,
    tags: {},
  };
}

export function generateSyntheticOrganization(options: SyntheticOrganizationOptions): SyntheticOrganization {
  const seed = options.seed ?? 1;
  const memberCount = options.accounts - 1;
  const unassumable = options.unassumable ?? 0;
  const suspended = options.suspended ?? 0;
  const unitCount = options.organizationalUnits ?? 0;
  if (!Number.isInteger(options.accounts) || options.accounts < 1) throw new Error("a synthetic organisation has at least 1 account");
  if (unassumable < 0 || suspended < 0 || unassumable + suspended > memberCount) {
    throw new Error(`${unassumable} unassumable and ${suspended} suspended members do not fit in ${memberCount} members`);
  }
  const managementAccountId = options.managementAccountId ?? "210987654321";
  const random = createRandom(seed);
  const chars = (length: number) => Array.from({ length }, () => random.pick([...LOWER_ALNUM])).join("");
  const rootSuffix = chars(4);
  const rootId = `r-${rootSuffix}`;
  const organizationId = `o-${chars(10)}`;
  const units = Array.from({ length: unitCount }, (_, k) => ({ id: `ou-${rootSuffix}-${chars(8)}`, name: `Workloads-${k}`, parentId: rootId }));
  units.forEach((unit, k) => {
    if (k % 2 === 1) unit.parentId = (units[k - 1] as { id: string }).id;
  });

  const firstSuspended = memberCount - suspended;
  const firstUnassumable = firstSuspended - unassumable;
  const listed: StubOrganizationAccount[] = [{ id: managementAccountId, name: "management", state: "ACTIVE", parentId: rootId }];
  const members: StubAccount[] = [];
  const assumableAccountIds: string[] = [];
  const unassumableAccountIds: string[] = [];
  const suspendedAccountIds: string[] = [];
  const memberOrganization: StubOrganization = { id: organizationId, managementAccountId, rootId };
  for (let i = 0; i < memberCount; i += 1) {
    const accountId = memberAccountId(i);
    const slot = i % (unitCount + 1);
    const parentId = slot === 0 ? rootId : (units[slot - 1] as { id: string }).id;
    const isSuspended = i >= firstSuspended;
    listed.push({ id: accountId, name: `member-${String(i + 1).padStart(3, "0")}`, state: isSuspended ? "SUSPENDED" : "ACTIVE", parentId });
    if (isSuspended) {
      suspendedAccountIds.push(accountId);
      continue;
    }
    const account = generateSyntheticAccount({
      functions: options.functionsPerAccount,
      regions: options.regions,
      seed: seed * 1000 + i + 1,
      accountId,
    });
    if (i >= firstUnassumable) {
      unassumableAccountIds.push(accountId);
      // Half of them have no reader role, half have one that trusts some other account.
      if ((i - firstUnassumable) % 2 === 1) account.roles.push(readerRole(accountId, UNRELATED_ACCOUNT, options.externalId));
    } else {
      assumableAccountIds.push(accountId);
      account.roles.push(readerRole(accountId, managementAccountId, options.externalId));
    }
    members.push({ ...account, organization: memberOrganization });
  }

  const organization: StubOrganization = { id: organizationId, managementAccountId, rootId, accounts: listed, organizationalUnits: units };
  const management: StubAccount = {
    ...generateSyntheticAccount({ functions: options.functionsPerAccount, regions: options.regions, seed: seed * 1000, accountId: managementAccountId }),
    organization,
  };
  return {
    management,
    members,
    organization,
    readerRoleName: READER_ROLE_NAME,
    activeAccountIds: listed
      .filter((account) => account.state === "ACTIVE")
      .map((account) => account.id)
      .sort(),
    assumableAccountIds,
    unassumableAccountIds,
    suspendedAccountIds,
  };
}
