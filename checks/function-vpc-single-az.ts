import { availabilityZones, defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-vpc-single-az",
  title: "VPC function has subnets in at least two Availability Zones",
  severity: "medium",
  layer: "shared",
  phase: "execution",
  frameworks: {
    nist80053: ["CP-10", "SC-5", "SC-36"],
    owaspServerless: ["SAS-8"],
    hipaa: [],
    fsbp: ["Lambda.5"],
  },
  rationale:
    "Lambda places a VPC function's network interfaces only in the subnets you give it; with a single " +
    "Availability Zone, an outage of that zone (or IP exhaustion in that subnet) stops the function entirely.",
  remediation:
    "Add a private subnet from a second Availability Zone: Lambda console > function > Configuration > " +
    "VPC > Edit > Subnets, or `aws lambda update-function-configuration --function-name NAME --vpc-config " +
    "SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-x`.",
  requires: ["lambda:ListFunctions", "ec2:DescribeSubnets"],
  reasons: {
    vpcNotRead: "The function's VPC configuration was not read.",
    notInVpc: "The function is not attached to a VPC.",
    multipleAvailabilityZones: "The function's subnets span {zoneCount} Availability Zones.",
    subnetsNotRead: "Some of the function's subnets were not read.",
    singleAvailabilityZone: "All of the function's subnets are in {zone}.",
  },
  evaluate(fn, view) {
    if (fn.vpc === undefined) return unknown("vpcNotRead");
    if (fn.vpc === null || fn.vpc.subnetIds.length === 0) return notApplicable("notInVpc");
    const { zones, notRead: missing } = availabilityZones(fn.vpc.subnetIds, (id) => view.subnet(fn.region, id));
    const evidence = { "vpc.subnetIds": fn.vpc.subnetIds, availabilityZones: zones };
    if (zones.length >= 2) return pass("multipleAvailabilityZones", evidence, { zoneCount: zones.length });
    if (missing.length > 0) return unknown("subnetsNotRead", { ...evidence, subnetsNotRead: missing });
    return fail("singleAvailabilityZone", evidence, { zone: zones[0] ?? "one zone" });
  },
});
