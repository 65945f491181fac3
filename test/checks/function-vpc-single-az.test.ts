import check from "../../checks/function-vpc-single-az.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { REGION } from "./builders.js";

const vpc = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] };
const subnet = (id: string, availabilityZone: string) => ({ id, region: REGION, vpcId: "vpc-1", availabilityZone });

describeCheckCases(check, [
  {
    name: "two zones",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], subnets: [subnet("subnet-a", "eu-west-1a"), subnet("subnet-b", "eu-west-1b")] }),
    expect: { status: "pass", reason: "multipleAvailabilityZones" },
  },
  {
    name: "two subnets in one zone",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], subnets: [subnet("subnet-a", "eu-west-1a"), subnet("subnet-b", "eu-west-1a")] }),
    expect: { status: "fail", reason: "singleAvailabilityZone", evidence: { availabilityZones: ["eu-west-1a"] } },
  },
  { name: "not in a VPC", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "not_applicable", reason: "notInVpc" } },
  {
    name: "one subnet not read",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], subnets: [subnet("subnet-a", "eu-west-1a")] }),
    expect: { status: "unknown", reason: "subnetsNotRead", evidence: { subnetsNotRead: ["subnet-b"] } },
  },
  { name: "VPC config not read", snapshot: snapshotWith({ functions: [secureFunction({ vpc: undefined })] }), expect: { status: "unknown", reason: "vpcNotRead" } },
]);
