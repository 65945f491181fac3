import check from "../../checks/function-capacity-provider-single-az.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { capacityProvider, onProvider, providerNetwork } from "./builders.js";

const withProvider = (overrides = {}, network = providerNetwork()) => snapshotWith({ functions: [secureFunction(onProvider())], capacityProviders: [capacityProvider(overrides)], ...network });

describeCheckCases(check, [
  { name: "two zones", snapshot: withProvider(), expect: { status: "pass", reason: "providerMultipleAvailabilityZones", evidence: { availabilityZones: ["eu-west-1a", "eu-west-1b"] } } },
  { name: "one subnet", snapshot: withProvider({ vpc: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-provider"] } }), expect: { status: "fail", reason: "providerSingleAvailabilityZone" } },
  { name: "a subnet not read", snapshot: withProvider({ vpc: { subnetIds: ["subnet-a", "subnet-x"], securityGroupIds: [] } }), expect: { status: "unknown", reason: "providerSubnetsNotRead" } },
  { name: "not on a provider", snapshot: snapshotWith({ functions: [secureFunction({ capacityProviderConfig: null })] }), expect: { status: "not_applicable", reason: "notOnCapacityProvider" } },
]);
