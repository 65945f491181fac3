import { knownLayerPublisher, LAYER_PUBLISHERS_AS_OF } from "../src/data/layer-publishers.js";
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
  limitations:
    "Layers of the accounts in src/data/layer-publishers.ts (AWS's own: Powertools, Lambda Insights, AppConfig, " +
    `the Parameters and Secrets extension, ADOT; and major vendors, as of ${LAYER_PUBLISHERS_AS_OF}, each with its ` +
    "source) pass with the publisher named; every other foreign account fails unless listed in " +
    "checkSettings.trustedAccountIds. A known publisher's layer still runs with the function's role: pin its version.",
  reasons: {
    layersNotRead: "The function's layers were not read.",
    noLayers: "The function uses no layers.",
    layerFromUntrustedAccount: "{count} layer(s) are published by accounts that are neither trusted nor known publishers.",
    layersFromTrustedAccounts: "Every layer is published by this account or a trusted account.",
    layersFromKnownPublishers: "Every layer is published by this account, a trusted account or a known publisher ({publishers}).",
  },
  evaluate(fn, view) {
    if (fn.layers === undefined) return unknown("layersNotRead");
    if (fn.layers.length === 0) return pass("noLayers", { layers: [] });
    const trusted = new Set([view.accountId, ...view.settings.trustedAccountIds]);
    const layers = fn.layers.map((layer) => {
      const account = accountOfArn(layer.arn) ?? null;
      const known = account !== null && !trusted.has(account) ? knownLayerPublisher(view.snapshot.partition, account) : undefined;
      return { arn: layer.arn, account, trusted: account !== null && trusted.has(account), publisher: known ? { name: known.publisher, source: known.source, sourceKind: known.sourceKind } : null };
    });
    const foreign = layers.filter((layer) => !layer.trusted && layer.publisher === null).map((layer) => ({ arn: layer.arn, account: layer.account }));
    if (foreign.length > 0) {
      return fail("layerFromUntrustedAccount", { untrustedLayers: foreign }, { count: foreign.length });
    }
    const published = layers.filter((layer) => layer.publisher !== null);
    if (published.length > 0) {
      const knownPublishers = published.map((layer) => ({ arn: layer.arn, account: layer.account, publisher: layer.publisher }));
      return pass("layersFromKnownPublishers", { layers: fn.layers.map((layer) => layer.arn), knownPublishers }, { publishers: [...new Set(published.map((layer) => layer.publisher?.name))].join(", ") });
    }
    return pass("layersFromTrustedAccounts", { layers: fn.layers.map((layer) => layer.arn) });
  },
});
