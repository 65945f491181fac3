import check from "../../checks/function-capacity-provider-egress-unrestricted.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { capacityProvider, onProvider, providerNetwork, REGION } from "./builders.js";

const openGroup = { id: "sg-open", region: REGION, egress: [{ protocol: "-1", fromPort: null, toPort: null, ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: [] }] };
const withProvider = (securityGroupIds: string[]) =>
  snapshotWith({
    functions: [secureFunction(onProvider())],
    capacityProviders: [capacityProvider({ vpc: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds } })],
    subnets: providerNetwork().subnets,
    securityGroups: [...(providerNetwork().securityGroups ?? []), openGroup],
  });

describeCheckCases(check, [
  { name: "restricted egress", snapshot: withProvider(["sg-provider"]), expect: { status: "pass", reason: "providerEgressRestricted" } },
  { name: "all traffic to anywhere", snapshot: withProvider(["sg-provider", "sg-open"]), expect: { status: "fail", reason: "providerEgressToAnywhere", evidence: { openEgressRules: [{ securityGroupId: "sg-open", destination: "0.0.0.0/0" }] } } },
  { name: "a group not read", snapshot: withProvider(["sg-missing"]), expect: { status: "unknown", reason: "providerSecurityGroupsNotRead" } },
  { name: "no security group", snapshot: withProvider([]), expect: { status: "unknown", reason: "providerWithoutSecurityGroups" } },
]);
