import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError, page, queryFilters, queryList } from "./protocol.js";
import { assumeRole } from "./sts-assume-role.js";

/** STS (Query). AssumeRole (stub/sts-assume-role.ts) hands out credentials; later calls signed with them act as the role. */
export const stsHandlers: ServiceHandlers = {
  service: "sts",
  resourceOf: (ctx) => ctx.params.get("RoleArn"),
  handlers: {
    GetCallerIdentity(ctx) {
      const { accountId } = ctx.index.account;
      const arn = ctx.callerArn;
      return {
        UserId: arn.includes(":assumed-role/") ? `AROASTUBROLE:${arn.split("/").pop() ?? ""}` : "AIDASTUBUSER",
        Account: arn.split(":")[4] || accountId,
        Arn: arn,
      };
    },
    AssumeRole: assumeRole,
  },
};

function ec2NotFound(code: string, message: string): AwsError {
  return new AwsError(code, message, 400);
}

/** EC2 pages only when MaxResults is given (5 to 1000); without it every item comes in one answer. */
function ec2Page<T>(ctx: CallContext, items: readonly T[]): { items: T[]; next: string | undefined } {
  const raw = ctx.params.get("MaxResults");
  if (raw === null) {
    if (ctx.params.get("NextToken")) return page(items, ctx.params.get("NextToken"), items.length || 1, "ec2");
    return { items: [...items], next: undefined };
  }
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 5 || size > 1000) {
    throw new AwsError("InvalidParameterValue", `Value ( ${raw} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`, 400);
  }
  return page(items, ctx.params.get("NextToken"), size, "ec2");
}

/** EC2 (EC2 Query: `GroupId.1`, `Filter.1.Name`, answers with `<item>` lists and no Result wrapper). */
export const ec2Handlers: ServiceHandlers = {
  service: "ec2",
  handlers: {
    DescribeRegions(ctx: CallContext) {
      const wanted = queryList(ctx.params, "RegionName");
      const regions = ctx.index.account.regions.filter((region) => wanted.length === 0 || wanted.includes(region));
      return {
        regionInfo: regions.map((region) => ({
          regionName: region,
          regionEndpoint: `ec2.${region}.amazonaws.com`,
          optInStatus: "opt-in-not-required",
        })),
      };
    },
    DescribeSecurityGroups(ctx: CallContext) {
      const all = ctx.index.securityGroupsByRegion.get(ctx.region) ?? [];
      const ids = queryList(ctx.params, "GroupId");
      const filters = queryFilters(ctx.params);
      if (ids.length > 0 && ctx.params.has("MaxResults")) {
        throw new AwsError("InvalidParameterCombination", "The parameter groupIds cannot be used with the parameter maxResults", 400);
      }
      // AWS fails the whole request when one of the ids does not exist.
      for (const id of ids) {
        if (!all.some((group) => group.id === id)) {
          throw ec2NotFound("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
        }
      }
      const filterIds = filters.get("group-id");
      const filterVpcs = filters.get("vpc-id");
      const groups = all.filter(
        (group) =>
          (ids.length === 0 || ids.includes(group.id)) &&
          (!filterIds || filterIds.includes(group.id)) &&
          (!filterVpcs || (group.vpcId !== undefined && filterVpcs.includes(group.vpcId))),
      );
      const result = ec2Page(ctx, groups);
      return {
        nextToken: result.next,
        securityGroupInfo: result.items.map((group) => ({
          ownerId: ctx.index.account.accountId,
          groupId: group.id,
          groupName: group.name ?? group.id,
          groupDescription: "stub security group",
          vpcId: group.vpcId,
          ipPermissions: [],
          ipPermissionsEgress: group.egress.map((rule) => ({
            ipProtocol: rule.protocol,
            fromPort: rule.fromPort ?? undefined,
            toPort: rule.toPort ?? undefined,
            groups: (rule.securityGroupIds ?? []).map((groupId) => ({ groupId, userId: ctx.index.account.accountId })),
            ipRanges: rule.ipv4Ranges.map((cidrIp) => ({ cidrIp })),
            ipv6Ranges: rule.ipv6Ranges.map((cidrIpv6) => ({ cidrIpv6 })),
            prefixListIds: (rule.prefixListIds ?? []).map((prefixListId) => ({ prefixListId })),
          })),
          securityGroupArn: `arn:${ctx.index.account.partition}:ec2:${ctx.region}:${ctx.index.account.accountId}:security-group/${group.id}`,
        })),
      };
    },
    DescribeSubnets(ctx: CallContext) {
      const all = ctx.index.subnetsByRegion.get(ctx.region) ?? [];
      const ids = queryList(ctx.params, "SubnetId");
      for (const id of ids) {
        if (!all.some((subnet) => subnet.id === id)) {
          throw ec2NotFound("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`);
        }
      }
      const filters = queryFilters(ctx.params);
      const filterIds = filters.get("subnet-id");
      const filterVpcs = filters.get("vpc-id");
      const subnets = all.filter(
        (subnet) =>
          (ids.length === 0 || ids.includes(subnet.id)) &&
          (!filterIds || filterIds.includes(subnet.id)) &&
          (!filterVpcs || (subnet.vpcId !== undefined && filterVpcs.includes(subnet.vpcId))),
      );
      const result = ec2Page(ctx, subnets);
      return {
        nextToken: result.next,
        subnetSet: result.items.map((subnet, i) => ({
          subnetId: subnet.id,
          subnetArn: `arn:${ctx.index.account.partition}:ec2:${ctx.region}:${ctx.index.account.accountId}:subnet/${subnet.id}`,
          state: "available",
          vpcId: subnet.vpcId,
          cidrBlock: `10.0.${i % 256}.0/24`,
          availableIpAddressCount: 250,
          availabilityZone: subnet.availabilityZone,
          availabilityZoneId: `${subnet.availabilityZone.slice(0, 3)}-az${subnet.availabilityZone.slice(-1) === "a" ? 1 : 2}`,
          defaultForAz: false,
          mapPublicIpOnLaunch: false,
          ownerId: ctx.index.account.accountId,
          assignIpv6AddressOnCreation: false,
          ipv6CidrBlockAssociationSet: [],
        })),
      };
    },
  },
};
