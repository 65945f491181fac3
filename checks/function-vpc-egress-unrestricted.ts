import { defineCheck, fail, notApplicable, pass, unknown, unrestrictedEgress } from "../src/engine/check-kit.js";

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
    const { open, notRead } = unrestrictedEgress(fn.vpc.securityGroupIds, (id) => view.securityGroup(fn.region, id));
    if (open.length > 0) return fail("egressToAnywhere", { openEgressRules: open });
    if (notRead.length > 0) return unknown("securityGroupsNotRead", { securityGroupsNotRead: notRead });
    return pass("egressRestricted", { "vpc.securityGroupIds": fn.vpc.securityGroupIds });
  },
});
