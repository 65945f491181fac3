import type { StubOrganization, StubOrganizationAccount } from "./account.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError, page } from "./protocol.js";

/**
 * AWS Organizations (JSON 1.1: X-Amz-Target AWSOrganizationsV20161128.<Operation>). An account in no
 * organisation answers AWSOrganizationsNotInUseException, as AWS does. The listings answer only the
 * management account (AWS also answers a delegated administrator; the stub has none), 20 a page at most.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html (read 2026-11-30)
 */
export const organizationsHandlers: ServiceHandlers = {
  service: "organizations",
  resourceOf(ctx) {
    const parent = ctx.json.ParentId;
    return typeof parent === "string" ? parent : null;
  },
  handlers: {
    DescribeOrganization(ctx) {
      const organization = organizationOf(ctx);
      const { partition } = ctx.index.account;
      return {
        Organization: {
          Id: organization.id,
          Arn: `arn:${partition}:organizations::${organization.managementAccountId}:organization/${organization.id}`,
          FeatureSet: "ALL",
          MasterAccountArn: `arn:${partition}:organizations::${organization.managementAccountId}:account/${organization.id}/${organization.managementAccountId}`,
          MasterAccountId: organization.managementAccountId,
          MasterAccountEmail: "management@example.com",
        },
      };
    },
    ListAccounts(ctx) {
      const organization = managedOrganization(ctx);
      const result = page(accountsOf(ctx, organization), nextToken(ctx), pageSize(ctx), "organizations");
      return { Accounts: result.items.map((account) => accountJson(ctx, organization, account)), NextToken: result.next };
    },
    ListAccountsForParent(ctx) {
      const organization = managedOrganization(ctx);
      const parentId = existingParent(ctx, organization);
      const accounts = accountsOf(ctx, organization).filter((account) => account.parentId === parentId);
      const result = page(accounts, nextToken(ctx), pageSize(ctx), "organizations");
      return { Accounts: result.items.map((account) => accountJson(ctx, organization, account)), NextToken: result.next };
    },
    ListChildren(ctx) {
      const organization = managedOrganization(ctx);
      const parentId = existingParent(ctx, organization);
      const childType = ctx.json.ChildType;
      let children: { Id: string; Type: string }[];
      if (childType === "ACCOUNT") {
        children = accountsOf(ctx, organization)
          .filter((account) => account.parentId === parentId)
          .map((account) => ({ Id: account.id, Type: "ACCOUNT" }));
      } else if (childType === "ORGANIZATIONAL_UNIT") {
        children = (organization.organizationalUnits ?? [])
          .filter((unit) => unit.parentId === parentId)
          .map((unit) => ({ Id: unit.id, Type: "ORGANIZATIONAL_UNIT" }));
      } else {
        throw new AwsError("InvalidInputException", "You provided a value that does not match the required pattern. (ChildType)", 400);
      }
      const result = page(children, nextToken(ctx), pageSize(ctx), "organizations");
      return { Children: result.items, NextToken: result.next };
    },
  },
};

function organizationOf(ctx: CallContext): StubOrganization {
  const organization = ctx.index.account.organization;
  if (!organization) throw new AwsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400);
  return organization;
}

function managedOrganization(ctx: CallContext): StubOrganization {
  const organization = organizationOf(ctx);
  if (organization.managementAccountId !== ctx.index.account.accountId) {
    throw new AwsError("AccessDeniedException", "You don't have permissions to access this resource.", 400);
  }
  return organization;
}

function rootOf(organization: StubOrganization): string {
  return organization.rootId ?? "r-stub";
}

function accountsOf(ctx: CallContext, organization: StubOrganization): StubOrganizationAccount[] {
  return (
    organization.accounts ?? [{ id: ctx.index.account.accountId, name: "management", state: "ACTIVE", parentId: rootOf(organization) }]
  );
}

function existingParent(ctx: CallContext, organization: StubOrganization): string {
  const parentId = ctx.json.ParentId;
  if (typeof parentId !== "string" || !/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(parentId)) {
    throw new AwsError("InvalidInputException", "You provided a value that does not match the required pattern. (ParentId)", 400);
  }
  if (parentId !== rootOf(organization) && !(organization.organizationalUnits ?? []).some((unit) => unit.id === parentId)) {
    throw new AwsError("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.", 400);
  }
  return parentId;
}

function pageSize(ctx: CallContext): number {
  const size = ctx.json.MaxResults === undefined ? 20 : Number(ctx.json.MaxResults);
  if (!Number.isInteger(size) || size < 1 || size > 20) {
    throw new AwsError("InvalidInputException", "You provided a value that does not match the required pattern. (MaxResults)", 400);
  }
  return size;
}

function nextToken(ctx: CallContext): string | undefined {
  return typeof ctx.json.NextToken === "string" ? ctx.json.NextToken : undefined;
}

function accountJson(ctx: CallContext, organization: StubOrganization, account: StubOrganizationAccount): Record<string, unknown> {
  const { partition } = ctx.index.account;
  return {
    Id: account.id,
    Arn: `arn:${partition}:organizations::${organization.managementAccountId}:account/${organization.id}/${account.id}`,
    Email: `${account.id}@example.com`,
    Name: account.name,
    State: account.state,
    JoinedMethod: account.id === organization.managementAccountId ? "CREATED" : "INVITED",
    JoinedTimestamp: Date.parse("2024-01-15T00:00:00Z") / 1000,
  };
}
