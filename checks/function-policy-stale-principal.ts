import { defineCheck, fail, FUNCTION_POLICY_REASONS, pass } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-policy-stale-principal",
  title: "Function resource policy names no deleted principal",
  severity: "low",
  layer: "customer",
  resourceType: "invokeTarget",
  phase: "trigger",
  frameworks: {
    nist80053: ["AC-2", "AC-6", "CM-6"],
    owaspServerless: ["SAS-2"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
  },
  rationale:
    "When the role or user a resource policy names is deleted, IAM replaces it in the policy with its unique " +
    "id (AROA…, AIDA…). The grant then matches nobody, even a new principal created with the same name: a " +
    "stale statement left behind after a deletion that nobody reviewed, and a sign that the grant's owner " +
    "may recreate access by hand, wider than before. " +
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
  remediation:
    "Remove the stale statement, and grant the principal that needs access again by its current ARN: " +
    "Lambda console > function > Configuration > Permissions > Resource-based policy statements > Delete, " +
    "or `aws lambda remove-permission --function-name NAME --statement-id SID` (add `--qualifier ALIAS` for an alias).",
  requires: ["lambda:GetPolicy", "lambda:ListAliases"],
  limitations: "Only unique ids IAM writes for deleted principals are recognised; an ARN of a deleted principal that IAM has not yet rewritten is not.",
  reasons: {
    ...FUNCTION_POLICY_REASONS,
    deletedPrincipal: "The policy grants {count} deleted principal(s), which match nobody.",
    noDeletedPrincipal: "The policy names no deleted principal.",
  },
  evaluate(target, view) {
    const policy = view.functionPolicy(target);
    if (!policy.ok) return policy.result;
    const deleted = policy.value.summary.deletedPrincipals;
    if (deleted.length > 0) return fail("deletedPrincipal", { deletedPrincipals: deleted }, { count: deleted.length });
    return pass("noDeletedPrincipal");
  },
});
