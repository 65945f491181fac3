import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  OrganizationsClient,
  type AccountState,
} from "@aws-sdk/client-organizations";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { AwsUnavailableError } from "../../src/aws/errors.js";
import { listOrganizationAccounts } from "../../src/collect/organization-accounts.js";
import { FAKE_CREDENTIALS, isolateFromAws } from "./helpers.js";

const organizations = mockClient(OrganizationsClient);
const clients = () => new AwsClients({ homeRegion: "us-east-1", credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
const signal = () => new AbortController().signal;
const account = (id: string, state: AccountState = "ACTIVE", name = `name-${id}`) => ({ Id: id, Name: name, State: state });

beforeEach(() => {
  isolateFromAws();
  organizations.reset();
  organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-abcdefghij", MasterAccountId: "111111111111" } });
});
afterEach(() => organizations.reset());

describe("listOrganizationAccounts", () => {
  it("pages through ListAccounts 20 at a time, keeps State, and sorts by id", async () => {
    organizations
      .on(ListAccountsCommand, { MaxResults: 20 })
      .resolvesOnce({ Accounts: [account("333333333333"), account("111111111111")], NextToken: "t1" })
      // AWS may answer a page with no accounts and a token: the listing goes on.
      .resolvesOnce({ Accounts: [], NextToken: "t2" })
      .resolvesOnce({ Accounts: [account("222222222222", "SUSPENDED")] });
    const listing = await listOrganizationAccounts(clients(), [], signal());
    expect(listing.organization).toEqual({ id: "o-abcdefghij", managementAccountId: "111111111111" });
    expect(listing.accounts.map((a) => [a.accountId, a.state, a.parentId])).toEqual([
      ["111111111111", "ACTIVE", null],
      ["222222222222", "SUSPENDED", null],
      ["333333333333", "ACTIVE", null],
    ]);
    expect(organizations.commandCalls(ListAccountsCommand).map((call) => call.args[0].input.NextToken)).toEqual([undefined, "t1", "t2"]);
  });

  it("walks the OU tree under each given parent and records each account's parent", async () => {
    organizations.on(ListAccountsForParentCommand, { ParentId: "ou-ab12-aaaaaaaa" }).resolves({ Accounts: [account("444444444444")] });
    organizations.on(ListAccountsForParentCommand, { ParentId: "ou-ab12-bbbbbbbb" }).resolves({ Accounts: [account("555555555555")] });
    organizations.on(ListChildrenCommand, { ParentId: "ou-ab12-aaaaaaaa" }).resolves({ Children: [{ Id: "ou-ab12-bbbbbbbb", Type: "ORGANIZATIONAL_UNIT" }] });
    organizations.on(ListChildrenCommand, { ParentId: "ou-ab12-bbbbbbbb" }).resolves({ Children: [] });
    const listing = await listOrganizationAccounts(clients(), ["ou-ab12-aaaaaaaa", "ou-ab12-bbbbbbbb"], signal());
    expect(listing.accounts.map((a) => [a.accountId, a.parentId])).toEqual([
      ["444444444444", "ou-ab12-aaaaaaaa"],
      ["555555555555", "ou-ab12-bbbbbbbb"],
    ]);
    // The nested OU was given and reached: walked once.
    expect(organizations.commandCalls(ListAccountsForParentCommand)).toHaveLength(2);
    expect(organizations.commandCalls(ListChildrenCommand).every((call) => call.args[0].input.ChildType === "ORGANIZATIONAL_UNIT")).toBe(true);
  });

  it("stops the scan with one clear error when the listing is denied, naming where to run it", async () => {
    organizations.on(ListAccountsCommand).rejects(Object.assign(new Error("You don't have permissions to access this resource."), { name: "AccessDeniedException" }));
    const error = await listOrganizationAccounts(clients(), [], signal()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect((error as Error).message).toMatch(/^cannot list the organisation's accounts: ListAccounts: AccessDeniedException: .*management account or a delegated administrator/);
  });

  it("names the --ou id AWS does not know", async () => {
    organizations.on(ListAccountsForParentCommand).rejects(Object.assign(new Error("We can't find a root or OU with the ParentId that you specified."), { name: "ParentNotFoundException" }));
    await expect(listOrganizationAccounts(clients(), ["ou-ab12-zzzzzzzz"], signal())).rejects.toThrow(/ListAccountsForParent ou-ab12-zzzzzzzz: ParentNotFoundException.*check the --ou id/);
  });

  it("still lists when DescribeOrganization is denied (only the heading is lost)", async () => {
    organizations.on(DescribeOrganizationCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account("111111111111")] });
    const listing = await listOrganizationAccounts(clients(), [], signal());
    expect(listing.organization).toBeNull();
    expect(listing.accounts).toHaveLength(1);
  });

  it("bounds a listing that never ends", async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account("111111111111")], NextToken: "again" });
    await expect(listOrganizationAccounts(clients(), [], signal())).rejects.toThrow(/more than 1000 pages/);
  });
});
