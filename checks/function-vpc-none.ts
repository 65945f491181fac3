import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-vpc-none",
  title: "Function runs in a VPC",
  severity: "low",
  layer: "shared",
  phase: "execution",
  frameworks: {
    nist80053: ["SC-7", "AC-4"],
    owaspServerless: ["SAS-3"],
    hipaa: ["164.312(e)(1)"],
    fsbp: ["Lambda.3"],
  },
  rationale:
    "A function outside a VPC reaches the internet directly: its egress cannot be restricted by security " +
    "groups, network ACLs or a firewall, so code that is compromised (or a malicious dependency) can send " +
    "data anywhere, and private resources must be exposed publicly for the function to reach them.",
  remediation:
    "Attach the function to private subnets in at least two Availability Zones with a security group that " +
    "allows only the egress it needs, and reach AWS services through VPC endpoints: Lambda console > " +
    "function > Configuration > VPC > Edit, or `aws lambda update-function-configuration --function-name " +
    "NAME --vpc-config SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-x` (the role needs " +
    "AWSLambdaVPCAccessExecutionRole permissions).",
  requires: ["lambda:ListFunctions"],
  limitations: "Not every function needs a VPC; suppress this finding with a reason for functions that only call public AWS APIs.",
  reasons: {
    vpcNotRead: "The function's VPC configuration was not read.",
    notInVpc: "The function is not attached to a VPC.",
    inVpc: "The function runs in {vpc.vpcId}.",
  },
  evaluate(fn) {
    if (fn.vpc === undefined) return unknown("vpcNotRead");
    if (fn.vpc === null || fn.vpc.subnetIds.length === 0) return fail("notInVpc", { vpc: null });
    return pass("inVpc", { "vpc.vpcId": fn.vpc.vpcId, "vpc.subnetIds": fn.vpc.subnetIds });
  },
});
