import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  type SecurityGroup as AwsSecurityGroup,
  type Subnet as AwsSubnet,
} from "@aws-sdk/client-ec2";
import type { CapacityProvider, LambdaFunction, SecurityGroup, Subnet } from "../snapshot/schema.js";
import { anyAnswered, type CallTarget, type CollectContext } from "./context.js";

/** Ids per request. Filters (unlike GroupIds/SubnetIds) do not fail the whole call on one missing id. */
const IDS_PER_REQUEST = 100;

/** Undefined: not read (not wanted, no function in a VPC, or every request failed). */
export interface VpcResources {
  securityGroups: SecurityGroup[] | undefined;
  subnets: Subnet[] | undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * The security groups (egress rules) and subnets (availability zones) of the region's functions in
 * a VPC and of the capacity providers they run on, and nothing else of the account's network. A failed request records a gap for each id it
 * asked about, since the view relates gaps to a function through its subnet and group ids.
 */
export async function collectVpcResources(
  ctx: CollectContext,
  region: string,
  functions: readonly LambdaFunction[],
  capacityProviders: readonly CapacityProvider[] = [],
): Promise<VpcResources> {
  const groupIds = new Set<string>();
  const subnetIds = new Set<string>();
  for (const vpc of [...functions.map((fn) => fn.vpc), ...capacityProviders.map((provider) => provider.vpc)]) {
    for (const id of vpc?.securityGroupIds ?? []) groupIds.add(id);
    for (const id of vpc?.subnetIds ?? []) subnetIds.add(id);
  }
  const client = ctx.clients.ec2(region);
  const securityGroups: SecurityGroup[] = [];
  const subnets: Subnet[] = [];

  const groupTasks = ctx.wants("ec2:DescribeSecurityGroups")
    ? chunks([...groupIds].sort(), IDS_PER_REQUEST).map(async (ids) => {
        const result = await ctx.paginate(
          client,
          (token) => new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-id", Values: ids }], ...(token ? { NextToken: token } : {}) }),
          batchTarget(region, ids),
          {
            nextToken: (page) => page.NextToken,
            onPage: (page) => {
              for (const group of page.SecurityGroups ?? []) if (group.GroupId) securityGroups.push(toSecurityGroup(group, region));
            },
            notFound: "gap",
          },
        );
        if (result.status !== "complete") spreadGap(ctx, "DescribeSecurityGroups", region, ids);
        return result;
      })
    : [];

  const subnetTasks = ctx.wants("ec2:DescribeSubnets")
    ? chunks([...subnetIds].sort(), IDS_PER_REQUEST).map(async (ids) => {
        const result = await ctx.paginate(
          client,
          (token) => new DescribeSubnetsCommand({ Filters: [{ Name: "subnet-id", Values: ids }], ...(token ? { NextToken: token } : {}) }),
          batchTarget(region, ids),
          {
            nextToken: (page) => page.NextToken,
            onPage: (page) => {
              for (const subnet of page.Subnets ?? []) if (subnet.SubnetId && subnet.AvailabilityZone) subnets.push(toSubnet(subnet, region));
            },
            notFound: "gap",
          },
        );
        if (result.status !== "complete") spreadGap(ctx, "DescribeSubnets", region, ids);
        return result;
      })
    : [];

  const [groupResults, subnetResults] = await Promise.all([Promise.all(groupTasks), Promise.all(subnetTasks)]);
  return {
    securityGroups: anyAnswered(groupResults) ? securityGroups.sort((a, b) => a.id.localeCompare(b.id)) : undefined,
    subnets: anyAnswered(subnetResults) ? subnets.sort((a, b) => a.id.localeCompare(b.id)) : undefined,
  };
}

/** A batch's gap is recorded on its first id (and then copied to the others by spreadGap). */
function batchTarget(region: string, ids: readonly string[]): CallTarget {
  return { service: "ec2", region, resourceArn: ids[0] as string };
}

function toSecurityGroup(group: AwsSecurityGroup, region: string): SecurityGroup {
  return {
    id: group.GroupId as string,
    region,
    ...(group.VpcId ? { vpcId: group.VpcId } : {}),
    ...(group.GroupName ? { name: group.GroupName } : {}),
    egress: (group.IpPermissionsEgress ?? []).map((rule) => ({
      protocol: rule.IpProtocol ?? "-1",
      fromPort: rule.FromPort ?? null,
      toPort: rule.ToPort ?? null,
      ipv4Ranges: (rule.IpRanges ?? []).map((range) => range.CidrIp).filter((cidr): cidr is string => !!cidr),
      ipv6Ranges: (rule.Ipv6Ranges ?? []).map((range) => range.CidrIpv6).filter((cidr): cidr is string => !!cidr),
      prefixListIds: (rule.PrefixListIds ?? []).map((entry) => entry.PrefixListId).filter((id): id is string => !!id),
      securityGroupIds: (rule.UserIdGroupPairs ?? []).map((pair) => pair.GroupId).filter((id): id is string => !!id),
    })),
  };
}

function toSubnet(subnet: AwsSubnet, region: string): Subnet {
  return {
    id: subnet.SubnetId as string,
    region,
    ...(subnet.VpcId ? { vpcId: subnet.VpcId } : {}),
    availabilityZone: subnet.AvailabilityZone as string,
  };
}

/**
 * `call` recorded one gap, on the first id of the batch; copy it to the other ids so that every
 * function using any of them sees it.
 */
function spreadGap(ctx: CollectContext, operation: string, region: string, ids: readonly string[]): void {
  const recorded = ctx.gaps.findLast(
    (gap) => gap.service === "ec2" && gap.operation === operation && gap.region === region && gap.resourceArn === ids[0],
  );
  if (!recorded) return;
  for (const id of ids.slice(1)) ctx.addGap({ ...recorded, resourceArn: id });
}
