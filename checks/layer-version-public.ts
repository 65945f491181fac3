import { defineCheck, fail, pass, unknown } from "../src/engine/check.js";
import { describeResourceStatement } from "../src/engine/lookups/resource-policy.js";
import { classifyResourcePolicy, PolicyParseError } from "../src/policy/index.js";

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
  evaluate(layer, view) {
    if (layer.policy === undefined) return unknown("policyNotRead", "The layer version's policy was not read.");
    if (layer.policy === null) return pass("noLayerPolicy", "The layer version is not shared.", { policy: null });
    let statements;
    try {
      statements = classifyResourcePolicy(layer.policy, { accountId: view.accountId, trustedAccountIds: [...view.settings.trustedAccountIds] }).statements;
    } catch (error) {
      if (error instanceof PolicyParseError) return unknown("policyUnparseable", "The layer version's policy could not be interpreted.", { error: error.message });
      throw error;
    }
    const open = statements.filter((statement) => !statement.neutralised && statement.classification === "public");
    if (open.length > 0) return fail("layerSharedPublicly", "The layer version can be used by every AWS account.", { statements: open.map(describeResourceStatement) });
    return pass("layerNotPublic", "The layer version is shared only with named accounts or an organisation.", {
      statements: statements.map((statement) => ({ classification: statement.classification })),
    });
  },
});
