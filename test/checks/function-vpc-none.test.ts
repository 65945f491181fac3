import check from "../../checks/function-vpc-none.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const vpc = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] };

describeCheckCases(check, [
  { name: "in a VPC", snapshot: snapshotWith({ functions: [secureFunction({ vpc })] }), expect: { status: "pass", reason: "inVpc" } },
  { name: "no VPC", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "fail", reason: "notInVpc" } },
  { name: "empty VPC config", snapshot: snapshotWith({ functions: [secureFunction({ vpc: { vpcId: "", subnetIds: [], securityGroupIds: [] } })] }), expect: { status: "fail", reason: "notInVpc" } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction({ vpc: undefined })] }), expect: { status: "unknown", reason: "vpcNotRead" } },
]);
