import type { AdvancedFieldSelector, Trail } from "../../snapshot/schema.js";

/**
 * Does a CloudTrail trail record the Invoke data events of one Lambda function?
 *
 * - `yes`: a selector matches every invocation of the function.
 * - `conditional`: a selector matches some invocations only (it filters on who called, on the event
 *   name with an operator we cannot decide, or on a field this model does not know).
 * - `no`: no selector matches.
 *
 * Basic selectors: a `AWS::Lambda::Function` data resource whose values hold the function's ARN
 * (exact: "Lambda function ARNs are exact") or the partition prefix `arn:<partition>:lambda` ("To log
 * data events for all Lambda functions in your account, specify the prefix as arn:aws:lambda"), with a
 * ReadWriteType that includes Invoke, which CloudTrail records as a write event (`"readOnly": false`,
 * https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html), so `ReadOnly` does not.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DataResource.html
 *
 * Advanced selectors: every field selector of one advanced selector must match (they are ANDed; the
 * selectors of a trail are ORed), and within a field selector every operator must hold (Equals and
 * StartsWith match when any value matches; the Not operators when none does). The event is
 * eventCategory `Data`, resources.type `AWS::Lambda::Function`, resources.ARN the function's ARN,
 * eventName `Invoke`, eventSource `lambda.amazonaws.com`, readOnly `false`. A selector with
 * `eventCategory Equals Data` and `resources.type Equals AWS::Lambda::Function` and nothing narrower
 * is the "all functions" selector.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 * (retrieved 2026-11-30)
 */
export type TrailCoverage = "yes" | "conditional" | "no";

function eventFieldsOf(functionArn: string): Record<string, string> {
  return {
    eventCategory: "Data",
    "resources.type": "AWS::Lambda::Function",
    "resources.ARN": functionArn,
    eventName: "Invoke",
    eventSource: "lambda.amazonaws.com",
    readOnly: "false",
  };
}

function fieldMatches(selector: AdvancedFieldSelector, value: string): boolean {
  const any = (values: string[] | undefined, test: (candidate: string) => boolean) => values === undefined || values.some(test);
  const none = (values: string[] | undefined, test: (candidate: string) => boolean) => values === undefined || !values.some(test);
  return (
    any(selector.equals, (candidate) => candidate === value) &&
    any(selector.startsWith, (candidate) => value.startsWith(candidate)) &&
    any(selector.endsWith, (candidate) => value.endsWith(candidate)) &&
    none(selector.notEquals, (candidate) => candidate === value) &&
    none(selector.notStartsWith, (candidate) => value.startsWith(candidate)) &&
    none(selector.notEndsWith, (candidate) => value.endsWith(candidate))
  );
}

function advancedCoverage(fieldSelectors: readonly AdvancedFieldSelector[], functionArn: string): TrailCoverage {
  const event = eventFieldsOf(functionArn);
  let coverage: TrailCoverage = "yes";
  for (const selector of fieldSelectors) {
    const value = event[selector.field];
    // A field the event has but we do not model (userIdentity.arn, sessionCredentialFromConsole, ...):
    // some invocations match, some do not.
    if (value === undefined) coverage = "conditional";
    else if (!fieldMatches(selector, value)) return "no";
  }
  return coverage;
}

function basicCoverage(selector: NonNullable<Trail["eventSelectors"]>["basic"][number], functionArn: string, partition: string): TrailCoverage {
  if (selector.readWriteType === "ReadOnly") return "no";
  const prefix = `arn:${partition}:lambda`;
  const covers = selector.dataResources.some(
    (resource) => resource.type === "AWS::Lambda::Function" && resource.values.some((value) => value === functionArn || value === prefix || value === `${prefix}:`),
  );
  return covers ? "yes" : "no";
}

/** Whether the trail records invocations of `functionArn` (undefined: its selectors were not read). */
export function trailCoverage(trail: Trail, functionArn: string, partition: string): TrailCoverage | undefined {
  const selectors = trail.eventSelectors;
  if (selectors === undefined) return undefined;
  const results = [
    ...selectors.basic.map((selector) => basicCoverage(selector, functionArn, partition)),
    ...selectors.advanced.map((selector) => advancedCoverage(selector.fieldSelectors, functionArn)),
  ];
  return results.includes("yes") ? "yes" : results.includes("conditional") ? "conditional" : "no";
}
