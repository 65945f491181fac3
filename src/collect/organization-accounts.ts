import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  type Account,
} from "@aws-sdk/client-organizations";
import { withReadSignal, type AwsClients } from "../aws/clients.js";
import { AwsUnavailableError, classifyAwsError } from "../aws/errors.js";

/** An account as AWS Organizations lists it. */
export interface ListedAccount {
  accountId: string;
  name: string | null;
  /** `State`; AWS retires the older `Status` field on 2026-09-09, so it is read only when State is absent. */
  state: string | null;
  /** The root or OU the account sits in, when the OU tree was walked (ListAccounts does not say). */
  parentId: string | null;
}

export interface OrganizationListing {
  organization: { id: string; managementAccountId: string } | null;
  accounts: ListedAccount[];
}

/**
 * Pages are 20 accounts at most (ListAccounts MaxResults 1-20); AWS's default quota is 10 accounts per
 * organisation, raised on request to thousands, so 1,000 pages (20,000 accounts) bounds a listing
 * without limiting a real organisation. OUs nest at most five levels under the root.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html (read 2026-11-30)
 */
const PAGE_SIZE = 20;
const MAX_PAGES = 1_000;
const MAX_OU_DEPTH = 5;

/**
 * The organisation's accounts, read with the starting credentials (the management account or a
 * delegated administrator): every account (ListAccounts), or with `organizationalUnits` the accounts
 * under each OU or root, recursively (ListChildren for the OUs, ListAccountsForParent for the
 * accounts). Any failure stops the scan before it starts: without the list there is nothing to scan,
 * and a partial list would silently leave accounts out.
 */
export async function listOrganizationAccounts(
  clients: AwsClients,
  organizationalUnits: readonly string[],
  signal: AbortSignal,
): Promise<OrganizationListing> {
  const client = clients.organizations();
  const send = async <T>(command: object, what: string): Promise<T> => {
    try {
      return (await withReadSignal(signal, clients.readBudgetMs, (read) => client.send(command as never, { abortSignal: read }))) as T;
    } catch (error) {
      const classified = classifyAwsError(error);
      const hint =
        classified.kind === "denied"
          ? " (run from the organisation's management account or a delegated administrator, with organizations:ListAccounts, ListAccountsForParent and ListChildren; see `lambda-posture permissions`)"
          : classified.code === "AWSOrganizationsNotInUseException"
            ? " (the starting account is in no organisation: name the accounts with --accounts)"
            : classified.code === "ParentNotFoundException"
              ? " (check the --ou id: ou-xxxx-yyyyyyyy or the root r-xxxx)"
              : "";
      throw new AwsUnavailableError(`cannot list the organisation's accounts: ${what}: ${classified.code}: ${classified.message}${hint}`, classified.code);
    }
  };
  const organization = await describeOrganization(clients, signal);
  const accounts = new Map<string, ListedAccount>();
  let pages = 0;
  const nextPage = (what: string) => {
    pages += 1;
    if (pages > MAX_PAGES) throw new AwsUnavailableError(`cannot list the organisation's accounts: ${what} returned more than ${MAX_PAGES} pages`, "TooManyPages");
  };
  const addAccount = (account: Account, parentId: string | null) => {
    if (!account.Id || !/^\d{12}$/.test(account.Id)) return;
    accounts.set(account.Id, {
      accountId: account.Id,
      name: account.Name ?? null,
      state: account.State ?? account.Status ?? null,
      parentId,
    });
  };

  if (organizationalUnits.length === 0) {
    let token: string | undefined;
    do {
      nextPage("ListAccounts");
      const page: { Accounts?: Account[]; NextToken?: string } = await send(
        new ListAccountsCommand({ MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) }),
        "ListAccounts",
      );
      for (const account of page.Accounts ?? []) addAccount(account, null);
      token = page.NextToken;
    } while (token);
    return { organization, accounts: sortedAccounts(accounts) };
  }

  // Breadth first from each given parent; a parent reached twice (an OU inside another given OU) is walked once.
  const seen = new Set<string>();
  let level = organizationalUnits.map((id) => ({ id, depth: 0 }));
  while (level.length > 0) {
    const next: { id: string; depth: number }[] = [];
    for (const parent of level) {
      if (seen.has(parent.id)) continue;
      seen.add(parent.id);
      let token: string | undefined;
      do {
        nextPage("ListAccountsForParent");
        const page: { Accounts?: Account[]; NextToken?: string } = await send(
          new ListAccountsForParentCommand({ ParentId: parent.id, MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) }),
          `ListAccountsForParent ${parent.id}`,
        );
        for (const account of page.Accounts ?? []) addAccount(account, parent.id);
        token = page.NextToken;
      } while (token);
      if (parent.depth > MAX_OU_DEPTH) continue;
      token = undefined;
      do {
        nextPage("ListChildren");
        const page: { Children?: { Id?: string }[]; NextToken?: string } = await send(
          new ListChildrenCommand({ ParentId: parent.id, ChildType: "ORGANIZATIONAL_UNIT", MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) }),
          `ListChildren ${parent.id}`,
        );
        for (const child of page.Children ?? []) if (child.Id) next.push({ id: child.Id, depth: parent.depth + 1 });
        token = page.NextToken;
      } while (token);
    }
    level = next;
  }
  return { organization, accounts: sortedAccounts(accounts) };
}

/** The organisation, for the report's heading; a member account may read it, and failing it loses only the heading. */
async function describeOrganization(clients: AwsClients, signal: AbortSignal): Promise<OrganizationListing["organization"]> {
  try {
    const output = await withReadSignal(signal, clients.readBudgetMs, (read) => clients.organizations().send(new DescribeOrganizationCommand({}), { abortSignal: read }));
    const id = output.Organization?.Id;
    const managementAccountId = output.Organization?.MasterAccountId;
    return id && managementAccountId ? { id, managementAccountId } : null;
  } catch {
    return null;
  }
}

function sortedAccounts(accounts: Map<string, ListedAccount>): ListedAccount[] {
  return [...accounts.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
}
