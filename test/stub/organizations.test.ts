import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
} from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import type { StubOrganization } from "../../stub/account.js";
import { STUB_CREDENTIALS } from "../../stub/clients.js";
import { startStub } from "../../stub/server.js";
import { fixtureAccount } from "../e2e/fixture/account.js";

const MANAGEMENT = fixtureAccount().accountId;

/** 25 members: 10 in the root, 15 in a nested OU; one suspended. */
function organization(): StubOrganization {
  const accounts: StubOrganization["accounts"] = [{ id: MANAGEMENT, name: "management", state: "ACTIVE", parentId: "r-ab12" }];
  for (let i = 0; i < 24; i += 1) {
    accounts.push({
      id: String(200000000000 + i),
      name: `member-${i}`,
      state: i === 3 ? "SUSPENDED" : "ACTIVE",
      parentId: i < 9 ? "r-ab12" : "ou-ab12-workload1",
    });
  }
  return {
    id: "o-exampleorg1",
    managementAccountId: MANAGEMENT,
    rootId: "r-ab12",
    accounts,
    organizationalUnits: [{ id: "ou-ab12-workload1", name: "Workloads", parentId: "r-ab12" }],
  };
}

function client(url: string): OrganizationsClient {
  return new OrganizationsClient({ region: "us-east-1", endpoint: url, credentials: { ...STUB_CREDENTIALS }, maxAttempts: 1 });
}

describe("loopback stub: AWS Organizations listings", () => {
  it("lists the organisation's accounts in pages of at most 20, with their State", async () => {
    const stub = await startStub({ account: { ...fixtureAccount(), organization: organization() }, quotas: false });
    try {
      const organizations = client(stub.url);
      const pages: number[] = [];
      const states = new Map<string, string | undefined>();
      for await (const page of paginateListAccounts({ client: organizations }, {})) {
        pages.push(page.Accounts?.length ?? 0);
        for (const account of page.Accounts ?? []) states.set(account.Id ?? "", account.State);
      }
      expect(pages).toEqual([20, 5]);
      expect(states.get("200000000003")).toBe("SUSPENDED");
      await expect(organizations.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({ name: "InvalidInputException" });

      const children: string[] = [];
      for await (const page of paginateListChildren({ client: organizations }, { ParentId: "r-ab12", ChildType: "ORGANIZATIONAL_UNIT" })) {
        children.push(...(page.Children ?? []).map((child) => child.Id ?? ""));
      }
      expect(children).toEqual(["ou-ab12-workload1"]);
      let inUnit = 0;
      for await (const page of paginateListAccountsForParent({ client: organizations }, { ParentId: "ou-ab12-workload1" })) {
        inUnit += page.Accounts?.length ?? 0;
      }
      expect(inUnit).toBe(15);
      await expect(organizations.send(new ListAccountsForParentCommand({ ParentId: "ou-ab12-missing1" }))).rejects.toMatchObject({
        name: "ParentNotFoundException",
      });
    } finally {
      await stub.close();
    }
  });

  it("refuses the listings to a member account and to an account in no organisation", async () => {
    const member = await startStub({
      account: { ...fixtureAccount(), organization: { id: "o-exampleorg1", managementAccountId: "999988887777" } },
      quotas: false,
    });
    const alone = await startStub({ account: { ...fixtureAccount(), organization: null }, quotas: false });
    try {
      await expect(client(member.url).send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: "AccessDeniedException" });
      await expect(client(alone.url).send(new ListAccountsCommand({}))).rejects.toMatchObject({
        name: "AWSOrganizationsNotInUseException",
      });
    } finally {
      await member.close();
      await alone.close();
    }
  });
});
