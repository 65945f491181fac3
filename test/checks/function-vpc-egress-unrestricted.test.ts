import check from "../../checks/function-vpc-egress-unrestricted.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { REGION } from "./builders.js";

const vpc = { vpcId: "vpc-1", subnetIds: ["subnet-a"], securityGroupIds: ["sg-1"] };
const group = (...egress: { protocol: string; fromPort?: number | null; toPort?: number | null; ipv4Ranges: string[]; ipv6Ranges: string[] }[]) => ({ id: "sg-1", region: REGION, egress });

describeCheckCases(check, [
  {
    name: "HTTPS to a prefix list only",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], securityGroups: [group({ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: [], ipv6Ranges: [] })] }),
    expect: { status: "pass", reason: "egressRestricted" },
  },
  {
    name: "HTTPS to anywhere is not all traffic",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], securityGroups: [group({ protocol: "tcp", fromPort: 443, toPort: 443, ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: [] })] }),
    expect: { status: "pass", reason: "egressRestricted" },
  },
  {
    name: "default allow-all egress",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], securityGroups: [group({ protocol: "-1", ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: [] })] }),
    expect: { status: "fail", reason: "egressToAnywhere", evidence: { openEgressRules: [{ securityGroupId: "sg-1", destination: "0.0.0.0/0" }] } },
  },
  {
    name: "all TCP ports to ::/0",
    snapshot: snapshotWith({ functions: [secureFunction({ vpc })], securityGroups: [group({ protocol: "tcp", fromPort: 0, toPort: 65535, ipv4Ranges: [], ipv6Ranges: ["::/0"] })] }),
    expect: { status: "fail", reason: "egressToAnywhere" },
  },
  { name: "not in a VPC", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "not_applicable", reason: "notInVpc" } },
  { name: "security group not read", snapshot: snapshotWith({ functions: [secureFunction({ vpc })] }), expect: { status: "unknown", reason: "securityGroupsNotRead" } },
]);
