import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-role-missing",
  title: "Function's execution role exists",
  severity: "medium",
  layer: "customer",
  phase: "execution",
  frameworks: {
    nist80053: ["AC-2", "CM-8"],
    owaspServerless: ["SAS-3"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
    cis: ["4.7"],
  },
  rationale:
    "A function whose execution role was deleted fails at every invocation; worse, anyone who can create " +
    "a role of the same name in the account silently gives the function whatever permissions they choose.",
  remediation:
    "Create a least-privilege role and assign it, or delete the unused function: Lambda console > " +
    "function > Configuration > Permissions > Edit, or `aws lambda update-function-configuration " +
    "--function-name NAME --role arn:aws:iam::ACCOUNT:role/NAME-role` / `aws lambda delete-function " +
    "--function-name NAME`.",
  requires: ["lambda:ListFunctions", "iam:GetRole"],
  reasons: {
    roleArnNotRead: "The function's execution role ARN was not read.",
    roleExists: "The execution role exists.",
    roleNotFound: "The execution role {finding}.",
    roleNotRead: "The execution role could not be read.",
  },
  evaluate(fn, view) {
    if (fn.role === undefined) return unknown("roleArnNotRead");
    const evidence = { role: fn.role };
    if (view.role(fn.role)) return pass("roleExists", evidence);
    const roleGaps = view.gapsAffecting("function", fn, ["iam:GetRole"]).filter((gap) => gap.resourceArn === fn.role || gap.resourceArn === undefined);
    // IAM answers NoSuchEntity for a deleted role; any other error means we simply could not look.
    if (roleGaps.some((gap) => gap.errorCode === "NoSuchEntity" || gap.errorCode === "NoSuchEntityException")) {
      return fail("roleNotFound", evidence, { finding: "does not exist (IAM answered NoSuchEntity)" });
    }
    if (roleGaps.length > 0) return unknown("roleNotRead", evidence);
    return fail("roleNotFound", evidence, { finding: "is not in the account's roles" });
  },
});
