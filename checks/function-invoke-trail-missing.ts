import { defineCheck, DETECTIVE_COVERAGE_REASONS, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-invoke-trail-missing",
  title: "A CloudTrail trail records the function's invocations (Lambda data events)",
  severity: "low",
  layer: "provider",
  phase: "output",
  frameworks: {
    nist80053: ["AU-2", "AU-12", "AU-3"],
    owaspServerless: ["SAS-5"],
    hipaa: ["164.312(b)"],
    fsbp: [],
  },
  rationale:
    "CloudTrail records who changes a function (management events) but not who invokes it: Invoke is a data " +
    "event, logged only by a trail whose selectors ask for Lambda data events. Without one, a leaked key " +
    "used to call a function directly, or an unexpected caller from another account, leaves no record.",
  remediation:
    "Add Lambda data events to a logging trail, for every function (`arn:aws:lambda` in a basic selector, or " +
    "an advanced selector on eventCategory Data and resources.type AWS::Lambda::Function): CloudTrail " +
    "console > Trails > trail > Data events > Edit, or `aws cloudtrail put-event-selectors --trail-name TRAIL " +
    "--advanced-event-selectors '[{\"Name\":\"Lambda invocations\",\"FieldSelectors\":[{\"Field\":\"eventCategory\"," +
    "\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::Lambda::Function\"]}]}]'` (data events are charged).",
  requires: ["lambda:ListFunctions", "cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetTrailStatus"],
  limitations:
    "Trails only: CloudTrail Lake event data stores are not read. Invoke is a write event (readOnly false), so " +
    "a basic selector with ReadWriteType ReadOnly does not record it; basic function ARNs are exact and " +
    "`arn:<partition>:lambda` means every function. An advanced selector that filters on a field this model " +
    "does not know (the caller, say) counts as recording only part of the invocations. Sources: " +
    "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DataResource.html, " +
    "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html, " +
    "https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html (retrieved 2026-11-30).",
  reasons: {
    ...DETECTIVE_COVERAGE_REASONS,
    trailsNotRead: "The trails of the function's region were not read.",
    trailSelectorsNotRead: "The event selectors of {trail} were not read.",
    trailStatusNotRead: "Whether {trail}, which selects the function's invocations, is logging was not read.",
    invocationsLoggedInPart: "{trail} records only some invocations of the function (its selector filters on more than the function).",
    noTrailRecordsInvocations: "No logging trail of the region records the function's invocations ({trailCount} trail(s)).",
    invocationsLogged: "{trail} records every invocation of the function.",
  },
  evaluate(fn, view) {
    const coverage = view.surface.detectiveCoverageOf(fn);
    if (!coverage.ok) return coverage.result;
    const trails = view.surface.trailsFor(fn, coverage.value);
    if (trails === undefined) return unknown("trailsNotRead");
    const describe = trails.map((entry) => ({ arn: entry.trail.arn, isLogging: entry.trail.isLogging ?? null, coverage: entry.coverage ?? null, isOrganizationTrail: entry.trail.isOrganizationTrail }));
    const full = trails.find((entry) => entry.coverage === "yes" && entry.trail.isLogging === true);
    if (full) return pass("invocationsLogged", { trails: describe }, { trail: full.trail.name });
    const selectorsNotRead = trails.find((entry) => entry.coverage === undefined);
    if (selectorsNotRead) return unknown("trailSelectorsNotRead", { trails: describe }, { trail: selectorsNotRead.trail.name });
    const statusNotRead = trails.find((entry) => entry.coverage !== "no" && entry.trail.isLogging === undefined);
    if (statusNotRead) return unknown("trailStatusNotRead", { trails: describe }, { trail: statusNotRead.trail.name });
    const partial = trails.find((entry) => entry.coverage === "conditional" && entry.trail.isLogging === true);
    if (partial) return fail("invocationsLoggedInPart", { trails: describe }, { trail: partial.trail.name });
    return fail("noTrailRecordsInvocations", { trails: describe }, { trailCount: trails.length });
  },
});
