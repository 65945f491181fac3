import { accountOfArn, defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-layer-cross-account",
  title: "Function uses only layers published by this account or trusted accounts",
  severity: "medium",
  layer: "customer",
  phase: "dependency",
  frameworks: {
    nist80053: ["SR-3", "SR-4", "SR-11", "CM-7"],
    owaspServerless: ["SAS-6"],
    hipaa: ["164.312(c)(1)"],
    fsbp: [],
  },
  rationale:
    "A layer is code that runs inside the function with its role's permissions. A layer version from " +
    "another account is code whose author, review and build you do not control; a malicious or " +
    "compromised publisher reads every event, secret and credential the function sees.",
  remediation:
    "Copy the layer into this account after reviewing it (or build it from source) and point the function " +
    "at your copy: Lambda console > function > Code > Layers > Edit, or `aws lambda " +
    "update-function-configuration --function-name NAME --layers " +
    "arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`. Publishers you vet can be listed in " +
    "checkSettings.trustedAccountIds.",
  requires: ["lambda:ListFunctions"],
  limitations: "AWS-published layers (for example Lambda Insights or the Parameters and Secrets extension) count as cross-account unless their publisher account is listed in checkSettings.trustedAccountIds.",
  reasons: {
    layersNotRead: "The function's layers were not read.",
    noLayers: "The function uses no layers.",
    layerFromUntrustedAccount: "{count} layer(s) are published by accounts that are not trusted.",
    layersFromTrustedAccounts: "Every layer is published by this account or a trusted account.",
  },
  evaluate(fn, view) {
    if (fn.layers === undefined) return unknown("layersNotRead");
    if (fn.layers.length === 0) return pass("noLayers", { layers: [] });
    const trusted = new Set([view.accountId, ...view.settings.trustedAccountIds]);
    const foreign = fn.layers
      .map((layer) => ({ arn: layer.arn, account: accountOfArn(layer.arn) ?? null }))
      .filter((layer) => layer.account === null || !trusted.has(layer.account));
    if (foreign.length > 0) {
      return fail("layerFromUntrustedAccount", { untrustedLayers: foreign }, { count: foreign.length });
    }
    return pass("layersFromTrustedAccounts", { layers: fn.layers.map((layer) => layer.arn) });
  },
});
