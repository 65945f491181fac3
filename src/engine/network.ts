import type { SecurityGroup, Subnet } from "../snapshot/schema.js";

const ANYWHERE_V4 = "0.0.0.0/0";
const ANYWHERE_V6 = "::/0";

type EgressRule = SecurityGroup["egress"][number];

/** All protocols, or every TCP or UDP port: in practice, any traffic the code wants to send. */
function coversAllTraffic(rule: EgressRule): boolean {
  if (rule.protocol === "-1" || rule.protocol === "all") return true;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return (rule.protocol === "tcp" || rule.protocol === "6" || rule.protocol === "udp" || rule.protocol === "17") && from <= 0 && to >= 65535;
}

export interface OpenEgressRule {
  securityGroupId: string;
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  destination: string;
}

/**
 * The egress rules of these security groups that let all traffic out to the internet (0.0.0.0/0 or
 * ::/0), and the groups that were not read. Shared by the checks on functions in a VPC and on the
 * capacity providers of Lambda Managed Instances.
 */
export function unrestrictedEgress(groupIds: readonly string[], groupOf: (id: string) => SecurityGroup | undefined): { open: OpenEgressRule[]; notRead: string[] } {
  const groups = groupIds.map((id) => ({ id, group: groupOf(id) }));
  const open = groups.flatMap(({ id, group }) =>
    (group?.egress ?? [])
      .filter(coversAllTraffic)
      .flatMap((rule) =>
        [...rule.ipv4Ranges, ...rule.ipv6Ranges]
          .filter((range) => range === ANYWHERE_V4 || range === ANYWHERE_V6)
          .map((range) => ({ securityGroupId: id, protocol: rule.protocol, fromPort: rule.fromPort ?? null, toPort: rule.toPort ?? null, destination: range })),
      ),
  );
  return { open, notRead: groups.filter((entry) => entry.group === undefined).map((entry) => entry.id) };
}

/** The Availability Zones of these subnets, sorted, and the subnets that were not read. */
export function availabilityZones(subnetIds: readonly string[], subnetOf: (id: string) => Subnet | undefined): { zones: string[]; notRead: string[] } {
  const subnets = subnetIds.map((id) => ({ id, subnet: subnetOf(id) }));
  return {
    zones: [...new Set(subnets.flatMap((entry) => (entry.subnet ? [entry.subnet.availabilityZone] : [])))].sort(),
    notRead: subnets.filter((entry) => entry.subnet === undefined).map((entry) => entry.id),
  };
}
