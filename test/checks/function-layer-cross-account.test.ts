import check from "../../checks/function-layer-cross-account.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { OTHER_ACCOUNT, TRUSTED_ACCOUNT } from "./builders.js";

const layer = (account: string) => ({ arn: `arn:aws:lambda:eu-west-1:${account}:layer:shared-lib:3` });
const withLayers = (...accounts: string[]) => snapshotWith({ functions: [secureFunction({ layers: accounts.map(layer) })] });

describeCheckCases(check, [
  { name: "no layers", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "noLayers" } },
  { name: "own-account layer", snapshot: withLayers("111122223333"), expect: { status: "pass", reason: "layersFromTrustedAccounts" } },
  { name: "trusted publisher", snapshot: withLayers(TRUSTED_ACCOUNT), settings: { trustedAccountIds: [TRUSTED_ACCOUNT] }, expect: { status: "pass", reason: "layersFromTrustedAccounts" } },
  {
    name: "layer from another account",
    snapshot: withLayers("111122223333", OTHER_ACCOUNT),
    expect: { status: "fail", reason: "layerFromUntrustedAccount", evidence: { untrustedLayers: [{ account: OTHER_ACCOUNT }] } },
  },
  {
    name: "AWS's Lambda Insights extension",
    snapshot: withLayers("580247275435"),
    expect: { status: "pass", reason: "layersFromKnownPublishers", evidence: { knownPublishers: [{ account: "580247275435", publisher: { name: "CloudWatch Lambda Insights extension" } }] } },
  },
  { name: "a vendor's layer beside an unknown account's", snapshot: withLayers("464622532012", OTHER_ACCOUNT), expect: { status: "fail", reason: "layerFromUntrustedAccount", evidence: { untrustedLayers: [{ account: OTHER_ACCOUNT }] } } },
  {
    name: "a commercial publisher's id in another partition is not known",
    snapshot: snapshotWith({ partition: "aws-cn", functions: [secureFunction({ layers: [{ arn: "arn:aws-cn:lambda:cn-north-1:580247275435:layer:LambdaInsightsExtension:14" }] })] }),
    expect: { status: "fail", reason: "layerFromUntrustedAccount" },
  },
  { name: "layers not read", snapshot: snapshotWith({ functions: [secureFunction({ layers: undefined })] }), expect: { status: "unknown", reason: "layersNotRead" } },
]);
