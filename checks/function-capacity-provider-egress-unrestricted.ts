import { CAPACITY_PROVIDER_REASONS, defineCheck, fail, pass, unknown, unrestrictedEgress } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-capacity-provider-egress-unrestricted",
  title: "Function's capacity provider does not allow all outbound traffic to the internet",
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
    "Functions on Lambda Managed Instances send their traffic through the capacity provider's security groups. " +
    "A rule that allows all traffic to 0.0.0.0/0 lets compromised code or a malicious dependency of any " +
    "function on the provider exfiltrate data or fetch a second stage from anywhere. A provider with no " +
    "security group at all is judged by the VPC's default rules, which this check cannot see.",
  remediation:
    "Replace the allow-all egress rule of the provider's security groups with the destinations its functions " +
    "need (VPC endpoints, an HTTPS proxy): EC2 console > Security groups > group > Outbound rules > Edit, or " +
    "`aws ec2 revoke-security-group-egress --group-id sg-x --ip-permissions " +
    "IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]` then `aws ec2 authorize-security-group-egress --group-id sg-x " +
    "--ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-xxxx}]`.",
  requires: ["lambda:ListFunctions", "lambda:GetCapacityProvider", "ec2:DescribeSecurityGroups"],
  limitations:
    "Network ACLs, route tables and firewalls that may still block the traffic are not evaluated. Source: " +
    "https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProviderVpcConfig.html (retrieved 2026-11-30).",
  reasons: {
    ...CAPACITY_PROVIDER_REASONS,
    providerEgressToAnywhere: "A security group of the capacity provider allows all outbound traffic to the internet.",
    providerSecurityGroupsNotRead: "Some of the capacity provider's security groups were not read.",
    providerWithoutSecurityGroups: "The capacity provider names no security group; its instances get the VPC's default group.",
    providerEgressRestricted: "No security group of the capacity provider allows all outbound traffic to the internet.",
  },
  evaluate(fn, view) {
    const provider = view.surface.capacityProviderOf(fn);
    if (!provider.ok) return provider.result;
    const groupIds = provider.value.vpc.securityGroupIds;
    const evidence = { capacityProviderArn: provider.value.arn, securityGroupIds: groupIds };
    if (groupIds.length === 0) return unknown("providerWithoutSecurityGroups", evidence);
    const { open, notRead } = unrestrictedEgress(groupIds, (id) => view.securityGroup(provider.value.region, id));
    if (open.length > 0) return fail("providerEgressToAnywhere", { ...evidence, openEgressRules: open });
    if (notRead.length > 0) return unknown("providerSecurityGroupsNotRead", { ...evidence, securityGroupsNotRead: notRead });
    return pass("providerEgressRestricted", evidence);
  },
});
