import { defineCheck, fail, notApplicable, pass, type SecurityGroup, unknown } from "../src/engine/check-kit.js";

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

export default defineCheck({
  id: "function-vpc-egress-unrestricted",
  title: "VPC function's security groups do not allow all outbound traffic to the internet",
  severity: "medium",
  layer: "shared",
  phase: "output",
  frameworks: {
    nist80053: ["SC-7", "SC-7(5)", "AC-4"],
    owaspServerless: ["SAS-3", "SAS-6"],
    hipaa: ["164.312(e)(1)"],
    fsbp: [],
  },
  rationale:
    "The default security group rule allows all traffic to 0.0.0.0/0: compromised code or a malicious " +
    "dependency can then exfiltrate data or fetch a second stage to any host on any port. Egress limited " +
    "to the ports and destinations the function uses (VPC endpoints, a database, an HTTPS proxy) blocks that.",
  remediation:
    "Replace the allow-all egress rule with the destinations the function needs: EC2 console > Security " +
    "groups > group > Outbound rules > Edit, or `aws ec2 revoke-security-group-egress --group-id sg-x " +
    "--ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]` then `aws ec2 " +
    "authorize-security-group-egress --group-id sg-x --ip-permissions " +
    "IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-xxxx}]`.",
  requires: ["lambda:ListFunctions", "ec2:DescribeSecurityGroups"],
  limitations: "Network ACLs, route tables and firewalls that may still block the traffic are not evaluated.",
  reasons: {
    vpcNotRead: "The function's VPC configuration was not read.",
    notInVpc: "The function is not attached to a VPC (see function-vpc-none).",
    egressToAnywhere: "A security group of the function allows all outbound traffic to the internet.",
    securityGroupsNotRead: "Some of the function's security groups were not read.",
    egressRestricted: "No security group of the function allows all outbound traffic to the internet.",
  },
  evaluate(fn, view) {
    if (fn.vpc === undefined) return unknown("vpcNotRead");
    if (fn.vpc === null || fn.vpc.subnetIds.length === 0) return notApplicable("notInVpc");
    const groups = fn.vpc.securityGroupIds.map((id) => ({ id, group: view.securityGroup(fn.region, id) }));
    const open = groups.flatMap(({ id, group }) =>
      (group?.egress ?? [])
        .filter(coversAllTraffic)
        .flatMap((rule) =>
          [...rule.ipv4Ranges, ...rule.ipv6Ranges]
            .filter((range) => range === ANYWHERE_V4 || range === ANYWHERE_V6)
            .map((range) => ({ securityGroupId: id, protocol: rule.protocol, fromPort: rule.fromPort ?? null, toPort: rule.toPort ?? null, destination: range })),
        ),
    );
    if (open.length > 0) return fail("egressToAnywhere", { openEgressRules: open });
    const missing = groups.filter((entry) => entry.group === undefined).map((entry) => entry.id);
    if (missing.length > 0) return unknown("securityGroupsNotRead", { securityGroupsNotRead: missing });
    return pass("egressRestricted", { "vpc.securityGroupIds": fn.vpc.securityGroupIds });
  },
});
