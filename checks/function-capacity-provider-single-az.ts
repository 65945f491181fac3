import { availabilityZones, CAPACITY_PROVIDER_REASONS, defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-capacity-provider-single-az",
  title: "Function's capacity provider has subnets in at least two Availability Zones",
  severity: "medium",
  layer: "shared",
  phase: "execution",
  frameworks: {
    nist80053: ["CP-10", "SC-5", "SC-36"],
    owaspServerless: ["SAS-8"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "A capacity provider launches its instances only in the subnets it is given; with one Availability Zone, " +
    "an outage of that zone (or exhausted capacity or addresses there) stops every function on the provider.",
  remediation:
    "Give the provider private subnets in at least two (AWS recommends three) Availability Zones: Lambda " +
    "console > Capacity providers > provider > Edit > Subnets, or create it again with `aws lambda " +
    "create-capacity-provider --capacity-provider-name NAME --vpc-config " +
    "SubnetIds=subnet-a,subnet-b,subnet-c,SecurityGroupIds=sg-x ...` and move the functions.",
  requires: ["lambda:ListFunctions", "lambda:GetCapacityProvider", "ec2:DescribeSubnets"],
  limitations: "Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html (retrieved 2026-11-30).",
  reasons: {
    ...CAPACITY_PROVIDER_REASONS,
    providerSubnetsNotRead: "Some of the capacity provider's subnets were not read.",
    providerSingleAvailabilityZone: "All of the capacity provider's subnets are in {zone}.",
    providerMultipleAvailabilityZones: "The capacity provider's subnets span {zoneCount} Availability Zones.",
  },
  evaluate(fn, view) {
    const provider = view.surface.capacityProviderOf(fn);
    if (!provider.ok) return provider.result;
    const { zones, notRead } = availabilityZones(provider.value.vpc.subnetIds, (id) => view.subnet(provider.value.region, id));
    const evidence = { capacityProviderArn: provider.value.arn, subnetIds: provider.value.vpc.subnetIds, availabilityZones: zones };
    if (zones.length >= 2) return pass("providerMultipleAvailabilityZones", evidence, { zoneCount: zones.length });
    if (notRead.length > 0) return unknown("providerSubnetsNotRead", { ...evidence, subnetsNotRead: notRead });
    return fail("providerSingleAvailabilityZone", evidence, { zone: zones[0] ?? "one zone" });
  },
});
