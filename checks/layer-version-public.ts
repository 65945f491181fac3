import { defineCheck, describeResourceStatement, fail, LAYER_POLICY_REASONS, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "layer-version-public",
  title: "Layer version is not shared with every AWS account",
  severity: "high",
  layer: "customer",
  phase: "dependency",
  resourceType: "layerVersion",
  frameworks: {
    nist80053: ["AC-3", "AC-21", "SR-4"],
    owaspServerless: ["SAS-6", "SAS-7"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "A layer version granted lambda:GetLayerVersion to Principal * can be downloaded by anyone with an AWS " +
    "account: its code, bundled configuration and any credential or internal endpoint baked into it are " +
    "public, and attackers learn exactly which library versions your functions run.",
  remediation:
    "Remove the public statement and share with named accounts or your organisation only: `aws lambda " +
    "remove-layer-version-permission --layer-name NAME --version-number N --statement-id SID` then `aws " +
    "lambda add-layer-version-permission --layer-name NAME --version-number N --statement-id org " +
    "--action lambda:GetLayerVersion --principal '*' --organization-id o-xxxxxxxxxx` (the console cannot edit " +
    "layer permissions).",
  requires: ["lambda:GetLayerVersionPolicy"],
  reasons: {
    ...LAYER_POLICY_REASONS,
    layerSharedPublicly: "The layer version can be used by every AWS account.",
    layerNotPublic: "The layer version is shared only with named accounts or an organisation.",
  },
  evaluate(layer, view) {
    const policy = view.layerPolicy(layer);
    if (!policy.ok) return policy.result;
    const statements = policy.value.statements;
    const open = statements.filter((statement) => !statement.neutralised && statement.classification === "public");
    if (open.length > 0) return fail("layerSharedPublicly", { statements: open.map(describeResourceStatement) });
    return pass("layerNotPublic", {
      statements: statements.map((statement) => ({ classification: statement.classification })),
    });
  },
});
