import { defineCheck, describeResourceStatement, fail, FUNCTION_POLICY_REASONS, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-policy-cross-account-invoke",
  title: "Function resource policy lets only this account or trusted accounts invoke it",
  severity: "high",
  layer: "customer",
  resourceType: "invokeTarget",
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
  requires: ["lambda:GetPolicy", "lambda:ListAliases"],
  limitations:
    "Grants limited to the account's own organisation (aws:PrincipalOrgID, aws:SourceOrgID) are not reported; " +
    "one naming another organisation is. When the account's organisation could not be read, a grant limited " +
    "to an organisation is unknown. Judged for the function and for each alias and version an alias points " +
    "to (each has a policy of its own); versions no alias points to are not read.",
  reasons: {
    ...FUNCTION_POLICY_REASONS,
    crossAccountInvoke: "Principals of other accounts can invoke the function: {principals}.",
    noUntrustedAccountInvoke: "No principal of an untrusted account can invoke the function.",
    organisationNotKnown: "A grant is limited to an organisation, and the account's own organisation is not known.",
  },
  evaluate(target, view) {
    const policy = view.functionPolicy(target);
    if (!policy.ok) return policy.result;
    const { summary } = policy.value;
    const crossAccount = policy.value.statements.filter(
      (statement) => statement.grantsInvoke && !statement.neutralised && statement.principals.some((p) => p.neutralisedBy === null && p.classification === "cross-account"),
    );
    if (crossAccount.length > 0) {
      return fail("crossAccountInvoke", {
        crossAccountPrincipals: summary.crossAccountPrincipals,
        statements: crossAccount.map(describeResourceStatement),
      }, { principals: summary.crossAccountPrincipals.join(", ") });
    }
    const organisationBound = policy.value.statements.filter(
      (statement) => statement.grantsInvoke && !statement.neutralised && statement.principals.some((p) => p.neutralisedBy === null && p.classification === "organisation-unknown"),
    );
    if (organisationBound.length > 0) return unknown("organisationNotKnown", { statements: organisationBound.map(describeResourceStatement) });
    return pass("noUntrustedAccountInvoke", {
      trustedAccountPrincipals: summary.trustedAccountPrincipals,
    });
  },
});
