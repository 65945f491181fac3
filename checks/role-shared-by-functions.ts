import { defineCheck, fail, notApplicable, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "role-shared-by-functions",
  title: "Each execution role serves a single function",
  severity: "medium",
  layer: "customer",
  phase: "execution",
  resourceType: "role",
  frameworks: {
    nist80053: ["AC-6", "AC-3"],
    owaspServerless: ["SAS-4"],
    hipaa: ["164.312(a)(1)"],
    fsbp: [],
    cis: ["4.5"],
  },
  rationale:
    "A role shared by several functions must hold the union of their permissions, so compromising the " +
    "least important function yields the permissions of the most privileged one, and no single " +
    "function's permissions can be narrowed without breaking another.",
  remediation:
    "Create one role per function with only the permissions that function uses (IAM Access Analyzer can " +
    "generate a policy from CloudTrail activity), then switch each function: Lambda console > function > " +
    "Configuration > Permissions > Edit, or `aws lambda update-function-configuration --function-name NAME " +
    "--role arn:aws:iam::ACCOUNT:role/NAME-role`.",
  requires: ["lambda:ListFunctions"],
  limitations: "Counts functions across the scanned regions only; functions in regions not scanned are not seen.",
  reasons: {
    roleSharedByFunctions: "The role is the execution role of {count} functions.",
    functionListIncomplete: "Functions could not be listed in every region, so other users of the role may be missing.",
    notAnExecutionRole: "No function in the snapshot uses this role.",
    roleUsedByOneFunction: "The role is the execution role of one function.",
  },
  evaluate(resource, view) {
    const functions = view.functionsWithRole(resource.arn);
    const evidence = { functionArns: functions.map((fn) => fn.arn), functionCount: functions.length };
    if (functions.length >= 2) return fail("roleSharedByFunctions", evidence, { count: functions.length });
    // A function list that failed in some region may hide more users of this role.
    const listingGaps = view.snapshot.gaps.filter((gap) => gap.service === "lambda" && gap.operation === "ListFunctions");
    if (listingGaps.length > 0) {
      return unknown("functionListIncomplete", {
        ...evidence,
        regionsNotListed: [...new Set(listingGaps.map((gap) => gap.region))],
      });
    }
    if (functions.length === 0) return notApplicable("notAnExecutionRole", evidence);
    return pass("roleUsedByOneFunction", evidence);
  },
});
