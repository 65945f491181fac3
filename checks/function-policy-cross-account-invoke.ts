import { defineCheck, fail, pass } from "../src/engine/check.js";
import { describeResourceStatement, analysedFunctionPolicyOr } from "../src/engine/lookups/resource-policy.js";

export default defineCheck({
  id: "function-policy-cross-account-invoke",
  title: "Function resource policy lets only this account or trusted accounts invoke it",
  severity: "high",
  layer: "customer",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-3", "AC-21", "AC-4"],
    owaspServerless: ["SAS-2"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
    cis: ["4.10"],
  },
  rationale:
    "An invoke grant to another account (or to * narrowed only to another account) lets every principal " +
    "that account authorises run the function; its security is then only as good as that account's IAM. " +
    "Accounts you vet can be listed in checkSettings.trustedAccountIds.",
  remediation:
    "Remove grants to accounts you do not control, or narrow them to a role ARN and a source condition: " +
    "Lambda console > function > Configuration > Permissions > Resource-based policy statements, or `aws " +
    "lambda remove-permission --function-name NAME --statement-id SID`, and list accounts you vouch for in " +
    "checkSettings.trustedAccountIds.",
  requires: ["lambda:GetPolicy"],
  limitations: "Grants to the whole organisation (aws:PrincipalOrgID) are not reported. Only the unqualified function's policy is read.",
  evaluate(fn, view) {
    const policy = analysedFunctionPolicyOr(fn, view);
    if ("result" in policy) return policy.result;
    const lookup = policy;
    const { summary } = lookup.analysis;
    const crossAccount = lookup.analysis.statements.filter(
      (statement) => statement.grantsInvoke && !statement.neutralised && statement.principals.some((p) => p.neutralisedBy === null && p.classification === "cross-account"),
    );
    if (crossAccount.length > 0) {
      return fail("crossAccountInvoke", `Principals of other accounts can invoke the function: ${summary.crossAccountPrincipals.join(", ")}.`, {
        crossAccountPrincipals: summary.crossAccountPrincipals,
        statements: crossAccount.map(describeResourceStatement),
      });
    }
    return pass("noUntrustedAccountInvoke", "No principal of an untrusted account can invoke the function.", {
      trustedAccountPrincipals: summary.trustedAccountPrincipals,
    });
  },
});
