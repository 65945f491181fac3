import { defineCheck, fail, pass } from "../src/engine/check.js";
import { describeResourceStatement, analysedFunctionPolicyOr } from "../src/engine/lookups/resource-policy.js";
import { INVOKE_ACTIONS, type ResourceStatementClassification } from "../src/policy/index.js";

const INVOKE_ONLY = new Set([...INVOKE_ACTIONS.map((action) => action.toLowerCase()), "lambda:invoke*"]);

/** A statement whose actions reach beyond invoking (lambda:*, GetFunction, UpdateFunctionCode, NotAction...). */
function grantsManagement(statement: ResourceStatementClassification): boolean {
  return statement.actions.kind === "NotAction" || statement.actions.patterns.some((pattern) => !INVOKE_ONLY.has(pattern.toLowerCase()));
}

export default defineCheck({
  id: "function-policy-cross-account-manage",
  title: "Function resource policy grants no management actions beyond the account",
  severity: "critical",
  layer: "customer",
  phase: "dependency",
  frameworks: {
    nist80053: ["AC-3", "AC-6", "CM-5"],
    owaspServerless: ["SAS-3", "SAS-4"],
    hipaa: ["164.312(a)(1)", "164.312(c)(1)"],
    fsbp: ["Lambda.1"],
  },
  rationale:
    "A resource policy can grant more than invoke: lambda:GetFunction hands out a download link to the " +
    "code, lambda:UpdateFunctionCode lets the grantee replace it and run as the function's role. Granted to " +
    "another account or to everyone, the function's code and permissions belong to them.",
  remediation:
    "Remove every non-invoke statement granted outside the account: Lambda console > function > " +
    "Configuration > Permissions > Resource-based policy statements > Delete, or `aws lambda " +
    "remove-permission --function-name NAME --statement-id SID`.",
  requires: ["lambda:GetPolicy"],
  evaluate(fn, view) {
    const policy = analysedFunctionPolicyOr(fn, view);
    if ("result" in policy) return policy.result;
    const lookup = policy;
    const external = lookup.analysis.statements.filter(
      (statement) => grantsManagement(statement) && !statement.neutralised && statement.classification !== "own-account" && statement.classification !== "trusted-account",
    );
    if (external.length > 0) {
      return fail("externalManagementGrant", `${external.length} statement(s) grant non-invoke actions to principals outside the account.`, {
        statements: external.map(describeResourceStatement),
      });
    }
    return pass("noExternalManagementGrant", "No statement grants non-invoke actions outside the account.", { statementCount: lookup.analysis.statements.length });
  },
});
