import check from "../../checks/function-invoke-trail-missing.js";
import type { Trail } from "../../src/snapshot/schema.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { coverage, functionArn, gap } from "./builders.js";

const trail = (eventSelectors: Trail["eventSelectors"], overrides: Partial<Trail> = {}): Trail => ({
  arn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org",
  name: "org",
  homeRegion: "us-east-1",
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  isLogging: true,
  eventSelectors,
  ...overrides,
});
const basic = (values: string[], readWriteType: "All" | "ReadOnly" | "WriteOnly" = "All") => ({
  basic: [{ readWriteType, includeManagementEvents: true, dataResources: [{ type: "AWS::Lambda::Function", values }] }],
  advanced: [],
});
const advanced = (...fieldSelectors: NonNullable<Trail["eventSelectors"]>["advanced"][number]["fieldSelectors"]) => ({ basic: [], advanced: [{ name: "lambda", fieldSelectors }] });
const ALL_FUNCTIONS = [
  { field: "eventCategory", equals: ["Data"] },
  { field: "resources.type", equals: ["AWS::Lambda::Function"] },
];
const withTrails = (trails: Trail[] | undefined, extra = {}) => snapshotWith({ functions: [secureFunction()], detectiveCoverage: [coverage(trails ? { trails } : {})], ...extra });

describeCheckCases(check, [
  { name: "basic selector for every function", snapshot: withTrails([trail(basic(["arn:aws:lambda"]))]), expect: { status: "pass", reason: "invocationsLogged" } },
  { name: "basic selector naming the function", snapshot: withTrails([trail(basic([functionArn("fixture-function")], "WriteOnly"))]), expect: { status: "pass", reason: "invocationsLogged" } },
  { name: "advanced selector for every function", snapshot: withTrails([trail(advanced(...ALL_FUNCTIONS))]), expect: { status: "pass", reason: "invocationsLogged" } },
  {
    name: "advanced selector by ARN prefix",
    snapshot: withTrails([trail(advanced(...ALL_FUNCTIONS, { field: "resources.ARN", startsWith: ["arn:aws:lambda:eu-west-1:111122223333:function:fixture"] }))]),
    expect: { status: "pass", reason: "invocationsLogged" },
  },
  { name: "no trail", snapshot: withTrails([]), expect: { status: "fail", reason: "noTrailRecordsInvocations" } },
  { name: "management events only", snapshot: withTrails([trail({ basic: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }], advanced: [] })]), expect: { status: "fail", reason: "noTrailRecordsInvocations" } },
  { name: "read-only data events miss Invoke", snapshot: withTrails([trail(basic(["arn:aws:lambda"], "ReadOnly"))]), expect: { status: "fail", reason: "noTrailRecordsInvocations" } },
  { name: "another function's exact ARN", snapshot: withTrails([trail(basic([functionArn("fixture-function-2")]))]), expect: { status: "fail", reason: "noTrailRecordsInvocations" } },
  {
    name: "advanced selector that excludes the function",
    snapshot: withTrails([trail(advanced(...ALL_FUNCTIONS, { field: "resources.ARN", notStartsWith: ["arn:aws:lambda:eu-west-1:111122223333:function:fixture"] }))]),
    expect: { status: "fail", reason: "noTrailRecordsInvocations" },
  },
  { name: "read-only advanced selector", snapshot: withTrails([trail(advanced(...ALL_FUNCTIONS, { field: "readOnly", equals: ["true"] }))]), expect: { status: "fail", reason: "noTrailRecordsInvocations" } },
  {
    name: "filtered by caller",
    snapshot: withTrails([trail(advanced(...ALL_FUNCTIONS, { field: "userIdentity.arn", startsWith: ["arn:aws:sts::111122223333:assumed-role/ci"] }))]),
    expect: { status: "fail", reason: "invocationsLoggedInPart" },
  },
  { name: "covering trail not logging", snapshot: withTrails([trail(basic(["arn:aws:lambda"]), { isLogging: false })]), expect: { status: "fail", reason: "noTrailRecordsInvocations" } },
  { name: "covering trail's status not read", snapshot: withTrails([trail(basic(["arn:aws:lambda"]), { isLogging: undefined })]), expect: { status: "unknown", reason: "trailStatusNotRead" } },
  { name: "selectors not read", snapshot: withTrails([trail(undefined)]), expect: { status: "unknown", reason: "trailSelectorsNotRead" } },
  { name: "trails not read", snapshot: withTrails(undefined), expect: { status: "unknown", reason: "trailsNotRead" } },
  { name: "region not read", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "unknown", reason: "coverageNotRead" } },
  { name: "DescribeTrails denied in the region", snapshot: withTrails([trail(basic(["arn:aws:lambda"]))], { gaps: [gap("cloudtrail", "DescribeTrails")] }), expect: { status: "unknown", reason: "dataUnavailable" } },
]);
