import { LambdaClient, ListFunctionsCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
} from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type Credentials } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/snapshot/schema.js";
import type { StubAccount } from "../../stub/account.js";
import { organizationFloor } from "../../stub/account-stats.js";
import { STUB_CREDENTIALS } from "../../stub/clients.js";
import { startStub, type Stub } from "../../stub/server.js";
import { generateSyntheticAccount } from "../../stub/synthetic.js";
import { generateSyntheticOrganization, READER_ROLE_NAME, type SyntheticOrganization } from "../../stub/synthetic-organization.js";
import { awsError } from "../support/aws-error.js";

const EU = "eu-west-1";
const US = "us-east-1";
const REGIONS = [EU, US];

type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const config = (url: string, region: string, credentials: AwsCredentials = STUB_CREDENTIALS) => ({
  region,
  endpoint: url,
  maxAttempts: 1,
  credentials: { ...credentials },
});
const fromSts = (credentials: Credentials | undefined): AwsCredentials => ({
  accessKeyId: credentials?.AccessKeyId ?? "",
  secretAccessKey: credentials?.SecretAccessKey ?? "",
  sessionToken: credentials?.SessionToken ?? "",
});
const readerArn = (accountId: string) => `arn:aws:iam::${accountId}:role/${READER_ROLE_NAME}`;

async function functionArns(url: string, credentials: AwsCredentials): Promise<string[]> {
  const arns: string[] = [];
  for (const region of REGIONS) {
    for await (const page of paginateListFunctions({ client: new LambdaClient(config(url, region, credentials)) }, {})) {
      arns.push(...(page.Functions ?? []).map((fn) => fn.FunctionArn ?? ""));
    }
  }
  return arns.sort();
}

describe("loopback stub: a synthetic organisation served with the real SDK", () => {
  // 7 accounts: the management account, 3 assumable members, 2 unassumable, 1 suspended; 2 OUs, the second nested in the first.
  const org: SyntheticOrganization = generateSyntheticOrganization({
    accounts: 7,
    functionsPerAccount: 6,
    regions: REGIONS,
    seed: 4,
    unassumable: 2,
    suspended: 1,
    organizationalUnits: 2,
  });
  let stub: Stub;
  let sts: STSClient;

  beforeAll(async () => {
    stub = await startStub({ account: org.management, members: org.members, quotas: false });
    sts = new STSClient(config(stub.url, US));
  });
  afterAll(async () => {
    await stub.close();
  });

  it("is generated deterministically for a seed, with the members named by the result", () => {
    const again = generateSyntheticOrganization({ accounts: 7, functionsPerAccount: 6, regions: REGIONS, seed: 4, unassumable: 2, suspended: 1, organizationalUnits: 2 });
    expect(again).toEqual(org);
    const other = generateSyntheticOrganization({ accounts: 7, functionsPerAccount: 6, regions: REGIONS, seed: 5, unassumable: 2, suspended: 1, organizationalUnits: 2 });
    expect(other.organization.id).not.toBe(org.organization.id);
    expect(other.members[0]?.functions.map((fn) => fn.name)).not.toEqual(org.members[0]?.functions.map((fn) => fn.name));

    expect(org.assumableAccountIds).toEqual(["300000000001", "300000000002", "300000000003"]);
    expect(org.unassumableAccountIds).toEqual(["300000000004", "300000000005"]);
    expect(org.suspendedAccountIds).toEqual(["300000000006"]);
    expect(org.activeAccountIds).toEqual([org.management.accountId, ...org.assumableAccountIds, ...org.unassumableAccountIds].sort());
    // Suspended members are listed by Organizations but not served.
    expect(org.members.map((member) => member.accountId)).toEqual([...org.assumableAccountIds, ...org.unassumableAccountIds]);
    expect(org.management.roles.some((role) => role.name === READER_ROLE_NAME)).toBe(false);
    for (const member of org.members) {
      expect(member.functions).toHaveLength(6);
      expect(member.functions.every((fn) => fn.arn.includes(`:${member.accountId}:function:`))).toBe(true);
    }
  });

  it("AssumeRole of a member's reader role gives credentials that act as the member", async () => {
    const managementArns = await functionArns(stub.url, STUB_CREDENTIALS);
    expect(managementArns).toEqual(org.management.functions.map((fn) => fn.arn).sort());

    for (const accountId of org.assumableAccountIds) {
      const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: readerArn(accountId), RoleSessionName: "lambda-posture", DurationSeconds: 900 }));
      expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/${READER_ROLE_NAME}/lambda-posture`);
      const credentials = fromSts(assumed.Credentials);
      const who = await new STSClient(config(stub.url, US, credentials)).send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(accountId);
      const member = org.members.find((entry) => entry.accountId === accountId) as StubAccount;
      expect(await functionArns(stub.url, credentials)).toEqual(member.functions.map((fn) => fn.arn).sort());
    }
  });

  it("denies AssumeRole where the reader role is missing, trusts another account, or the account is suspended", async () => {
    const [missing, distrusting] = org.unassumableAccountIds as [string, string];
    const roles = (accountId: string) => org.members.find((member) => member.accountId === accountId)?.roles.map((role) => role.name);
    expect(roles(missing)).not.toContain(READER_ROLE_NAME);
    expect(roles(distrusting)).toContain(READER_ROLE_NAME);
    for (const accountId of [missing, distrusting, ...org.suspendedAccountIds, "123456789012"]) {
      expect(await awsError(sts.send(new AssumeRoleCommand({ RoleArn: readerArn(accountId), RoleSessionName: "lambda-posture" })))).toEqual({
        name: "AccessDenied",
        status: 403,
        message: `User: arn:aws:iam::${org.management.accountId}:user/lambda-posture-stub is not authorized to perform: sts:AssumeRole on resource: ${readerArn(accountId)}`,
      });
    }
  });

  it("lists the organisation to the management account only: accounts with their State, OUs, accounts per parent", async () => {
    const organizations = new OrganizationsClient(config(stub.url, US));
    const listed = new Map<string, string | undefined>();
    for await (const page of paginateListAccounts({ client: organizations }, {})) {
      for (const account of page.Accounts ?? []) listed.set(account.Id ?? "", account.State);
    }
    expect([...listed.keys()].sort()).toEqual([...org.activeAccountIds, ...org.suspendedAccountIds].sort());
    expect(listed.get("300000000006")).toBe("SUSPENDED");
    expect([...listed.values()].filter((state) => state === "ACTIVE")).toHaveLength(org.activeAccountIds.length);

    const rootId = org.organization.rootId as string;
    const [outer, nested] = org.organization.organizationalUnits?.map((unit) => unit.id) as [string, string];
    const childUnits = async (parentId: string) => {
      const ids: string[] = [];
      for await (const page of paginateListChildren({ client: organizations }, { ParentId: parentId, ChildType: "ORGANIZATIONAL_UNIT" })) {
        ids.push(...(page.Children ?? []).map((child) => child.Id ?? ""));
      }
      return ids;
    };
    expect(await childUnits(rootId)).toEqual([outer]);
    expect(await childUnits(outer)).toEqual([nested]);
    const under = async (parentId: string) => {
      const ids: string[] = [];
      for await (const page of paginateListAccountsForParent({ client: organizations }, { ParentId: parentId })) {
        ids.push(...(page.Accounts ?? []).map((account) => account.Id ?? ""));
      }
      return ids.sort();
    };
    // Members go round-robin to the root, OU 0 and OU 1; the management account sits in the root.
    expect(await under(rootId)).toEqual([org.management.accountId, "300000000001", "300000000004"].sort());
    expect(await under(outer)).toEqual(["300000000002", "300000000005"]);
    expect(await under(nested)).toEqual(["300000000003", "300000000006"]);

    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: readerArn("300000000001"), RoleSessionName: "member" }));
    const asMember = new OrganizationsClient(config(stub.url, US, fromSts(assumed.Credentials)));
    expect(await awsError(asMember.send(new ListAccountsCommand({})))).toMatchObject({ name: "AccessDeniedException" });
    const described = await asMember.send(new DescribeOrganizationCommand({}));
    expect(described.Organization).toMatchObject({ Id: org.organization.id, MasterAccountId: org.management.accountId });
  });

  it("counts calls by the account they acted as, and gives each account its quota floor", async () => {
    stub.resetStats();
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: readerArn("300000000002"), RoleSessionName: "count" }));
    await functionArns(stub.url, fromSts(assumed.Credentials));
    await functionArns(stub.url, STUB_CREDENTIALS);
    await functionArns(stub.url, STUB_CREDENTIALS);
    const { byAccount } = stub.stats();
    const management = org.management.accountId;
    expect(Object.keys(byAccount).sort()).toEqual(["300000000002", management].sort());
    // The AssumeRole call is made with, and counted under, the management account's credentials.
    expect(byAccount[management]?.calls).toEqual({ "sts:AssumeRole": 1, "lambda:ListFunctions": 2 * REGIONS.length });
    expect(byAccount["300000000002"]?.calls).toEqual({ "lambda:ListFunctions": REGIONS.length });
    expect(byAccount["300000000002"]?.servedByRegion).toEqual({ [EU]: { "lambda:ListFunctions": 1 }, [US]: { "lambda:ListFunctions": 1 } });

    const floor = organizationFloor(byAccount);
    // Two ListFunctions in each region against 15/s per region: both regions bind equally.
    expect(floor.slowest).toEqual({ accountId: management, seconds: 2 / 15, bindingBucket: expect.stringMatching(/^lambda:controlPlane@/) });
    expect(floor.accounts["300000000002"]?.seconds).toBeCloseTo(1 / 15);
    expect(floor.sequentialSeconds).toBeCloseTo(3 / 15);
  });
});

describe("loopback stub: AssumeRole's external id, session duration and per-account quotas", () => {
  it("requires the external id the reader role's trust asks for", async () => {
    const org = generateSyntheticOrganization({ accounts: 2, functionsPerAccount: 1, regions: [EU], seed: 9, externalId: "ext-2026" });
    const stub = await startStub({ account: org.management, members: org.members, quotas: false });
    try {
      const sts = new STSClient(config(stub.url, US));
      const member = org.assumableAccountIds[0] as string;
      const request = (externalId?: string) =>
        sts.send(new AssumeRoleCommand({ RoleArn: readerArn(member), RoleSessionName: "lambda-posture", ...(externalId ? { ExternalId: externalId } : {}) }));
      expect(await awsError(request())).toMatchObject({ name: "AccessDenied", status: 403 });
      expect(await awsError(request("ext-2025"))).toMatchObject({ name: "AccessDenied", status: 403 });
      expect((await request("ext-2026")).AssumedRoleUser?.Arn).toContain(`:sts::${member}:assumed-role/`);
    } finally {
      await stub.close();
    }
  });

  it("accepts DurationSeconds from 900 to the role's maximum, and at most an hour when chaining roles", async () => {
    const base = generateSyntheticAccount({ functions: 1, regions: [EU], seed: 2, accountId: "400000000000" });
    const hop: Role = {
      arn: "arn:aws:iam::400000000000:role/hop",
      name: "hop",
      trustPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::400000000000:root" }, Action: "sts:AssumeRole" }] },
    };
    const stub = await startStub({ account: { ...base, roles: [...base.roles, hop], roleMaxSessionDuration: { hop: 7200 } }, quotas: false });
    try {
      const sts = new STSClient(config(stub.url, US));
      const assume = (client: STSClient, seconds?: number) =>
        client.send(new AssumeRoleCommand({ RoleArn: hop.arn, RoleSessionName: "hop", ...(seconds ? { DurationSeconds: seconds } : {}) }));
      expect(await awsError(assume(sts, 899))).toMatchObject({ name: "ValidationError", status: 400 });
      expect(await awsError(assume(sts, 7201))).toMatchObject({
        name: "ValidationError",
        message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      });
      const before = Date.now();
      const long = await assume(sts, 7200);
      const lifetime = (long.Credentials?.Expiration?.getTime() ?? 0) - before;
      expect(lifetime).toBeGreaterThan(7190_000);
      expect(lifetime).toBeLessThanOrEqual(7201_000);

      // From the role's own session: role chaining, limited to one hour.
      const chained = new STSClient(config(stub.url, US, fromSts(long.Credentials)));
      expect(await awsError(assume(chained, 3601))).toMatchObject({
        name: "ValidationError",
        message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      });
      expect((await assume(chained, 3600)).AssumedRoleUser?.Arn).toBe("arn:aws:sts::400000000000:assumed-role/hop/hop");
    } finally {
      await stub.close();
    }
  });

  it("gives every account its own quota buckets", async () => {
    const org = generateSyntheticOrganization({ accounts: 2, functionsPerAccount: 1, regions: [EU], seed: 1 });
    // A frozen clock: no token comes back, so exactly the burst passes in each account.
    const stub = await startStub({ account: org.management, members: org.members, quotas: { lambdaControlPlane: 2 }, now: () => 0 });
    try {
      const member = org.assumableAccountIds[0] as string;
      const assumed = await new STSClient(config(stub.url, US)).send(new AssumeRoleCommand({ RoleArn: readerArn(member), RoleSessionName: "quota" }));
      const list = async (credentials: AwsCredentials) => {
        const client = new LambdaClient(config(stub.url, EU, credentials));
        const outcomes: string[] = [];
        for (let i = 0; i < 3; i += 1) {
          outcomes.push(await client.send(new ListFunctionsCommand({})).then(() => "ok", (error: Error) => error.name));
        }
        return outcomes;
      };
      expect(await list(STUB_CREDENTIALS)).toEqual(["ok", "ok", "TooManyRequestsException"]);
      expect(await list(fromSts(assumed.Credentials))).toEqual(["ok", "ok", "TooManyRequestsException"]);
      const { byAccount } = stub.stats();
      expect(byAccount[org.management.accountId]?.throttled).toEqual({ "lambda:ListFunctions": 1 });
      expect(byAccount[member]?.throttled).toEqual({ "lambda:ListFunctions": 1 });
    } finally {
      await stub.close();
    }
  });
});
