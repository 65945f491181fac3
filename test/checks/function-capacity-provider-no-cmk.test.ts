import check from "../../checks/function-capacity-provider-no-cmk.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { capacityProvider, onProvider } from "./builders.js";

const withProvider = (overrides = {}) => snapshotWith({ functions: [secureFunction(onProvider())], capacityProviders: [capacityProvider(overrides)] });

describeCheckCases(check, [
  { name: "customer managed key", snapshot: withProvider(), expect: { status: "pass", reason: "providerWithCmk" } },
  { name: "no customer managed key", snapshot: withProvider({ kmsKeyArn: null }), expect: { status: "fail", reason: "providerWithoutCmk", evidence: { kmsKeyArn: null } } },
  { name: "not on a provider", snapshot: snapshotWith({ functions: [secureFunction({ capacityProviderConfig: null })] }), expect: { status: "not_applicable", reason: "notOnCapacityProvider" } },
  { name: "provider not read", snapshot: snapshotWith({ functions: [secureFunction(onProvider())] }), expect: { status: "unknown", reason: "capacityProviderNotRead" } },
  {
    name: "provider read denied",
    snapshot: snapshotWith({
      functions: [secureFunction(onProvider())],
      capacityProviders: [capacityProvider()],
      gaps: [{ service: "lambda", operation: "GetCapacityProvider", region: "eu-west-1", resourceArn: capacityProvider().arn, errorCode: "AccessDeniedException", message: "denied" }],
    }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
