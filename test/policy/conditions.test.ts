import { describe, expect, it } from "vitest";
import { analyseConditionScope, parsePolicyDocument, type IgnoredConditionReason, type ScopeKind } from "../../src/policy/index.js";
import { patternSubsumes } from "../../src/policy/match.js";
import { isUnscopedArnPattern } from "../../src/policy/principal.js";

const scopeOf = (condition: Record<string, unknown>) =>
  analyseConditionScope(parsePolicyDocument({ Statement: { Effect: "Allow", Action: "*", Condition: condition } }).statements[0]?.conditions ?? []);

describe("analyseConditionScope", () => {
  it.each<[string, Record<string, unknown>, ScopeKind, string[]]>([
    ["SourceAccount", { StringEquals: { "aws:SourceAccount": "111122223333" } }, "sourceAccount", ["111122223333"]],
    ["SourceOwner", { StringEquals: { "AWS:SOURCEOWNER": "111122223333" } }, "sourceAccount", ["111122223333"]],
    ["SourceArn with account", { ArnLike: { "aws:SourceArn": "arn:aws:sns:eu-west-1:444455556666:alerts" } }, "sourceArn", ["444455556666"]],
    ["SourceArn of a bucket", { ArnEquals: { "aws:SourceArn": "arn:aws:s3:::orders" } }, "sourceArn", []],
    ["PrincipalOrgID", { "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, "principalOrg", []],
    ["SourceVpc", { StringEquals: { "aws:SourceVpc": "vpc-1" } }, "network", []],
    ["EventSourceToken", { StringEquals: { "lambda:EventSourceToken": "amzn1.ask.skill.1" } }, "eventSourceToken", []],
    ["ExternalId", { StringEquals: { "sts:ExternalId": "abc" } }, "externalId", []],
    ["FunctionUrlAuthType", { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } }, "functionUrlAuthType", []],
    ["OIDC sub", { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } }, "federatedClaim", []],
  ])("%s restricts", (_name, condition, kind, accountIds) => {
    const scope = scopeOf(condition);
    expect(scope.ignored).toEqual([]);
    expect(scope.scoping.map((item) => [item.kind, item.accountIds])).toEqual([[kind, accountIds]]);
  });

  it.each<[string, Record<string, unknown>, IgnoredConditionReason]>([
    ["negated", { StringNotEquals: { "aws:SourceAccount": "111122223333" } }, "negatedOperator"],
    ["IfExists", { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:s3:::orders" } }, "ifExists"],
    ["ForAllValues", { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, "forAllValues"],
    ["wildcard account", { StringLike: { "aws:SourceAccount": "*" } }, "wildcardValue"],
    ["wildcard ARN account", { ArnLike: { "aws:SourceArn": "arn:aws:sqs:*:*:queue" } }, "wildcardValue"],
    ["wildcard org", { StringLike: { "aws:PrincipalOrgID": "o-*" } }, "wildcardValue"],
    ["numeric operator on account", { NumericEquals: { "aws:SourceAccount": 111122223333 } }, "unsupportedOperator"],
    ["unrelated key", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, "notAScopingKey"],
  ])("%s does not restrict", (_name, condition, reason) => {
    const scope = scopeOf(condition);
    expect(scope.scoping).toEqual([]);
    expect(scope.ignored.map((item) => item.reason)).toEqual([reason]);
  });
});

describe("isUnscopedArnPattern", () => {
  it.each([
    ["*", true],
    ["arn:aws:*", true],
    ["arn:aws:s3:::*", true],
    ["arn:aws:s3:::orders-*", true],
    ["arn:aws:s3:::orders/*", false],
    ["arn:aws:sns:*:*:alerts", true],
    ["arn:aws:sns:*:111122223333:*", false],
    ["arn:aws:events:eu-west-1:111122223333:rule/nightly", false],
  ])("%s → %s", (value, unscoped) => {
    expect(isUnscopedArnPattern(value)).toBe(unscoped);
  });
});

describe("patternSubsumes", () => {
  it.each([
    ["*", "lambda:Get*", true],
    ["lambda:*", "lambda:GetFunction", true],
    ["lambda:*", "LAMBDA:Get*", true],
    ["lambda:Get*", "lambda:G*", false],
    ["lambda:Get?", "lambda:Get*", false],
    ["lambda:GetFunction", "lambda:GetFunction", true],
  ])("%s covers %s: %s", (outer, inner, covered) => {
    expect(patternSubsumes(outer, inner, true)).toBe(covered);
  });
});
