import { describe, expect, it } from "vitest";
import { trustAllowsAssumeRole, type TrustRequest } from "../../stub/role-trust.js";

const CALLER = "111111111111";
const OTHER = "222222222222";
const user: TrustRequest = { caller: { accountId: CALLER, partition: "aws", principalArns: [`arn:aws:iam::${CALLER}:user/scanner`] }, externalId: undefined };
const session: TrustRequest = {
  caller: {
    accountId: CALLER,
    partition: "aws",
    principalArns: [`arn:aws:sts::${CALLER}:assumed-role/hub/run-1`, `arn:aws:iam::${CALLER}:role/hub`],
  },
  externalId: undefined,
};
const withExternalId = (externalId: string): TrustRequest => ({ ...user, externalId });

const allow = (extra: Record<string, unknown>) => ({ Effect: "Allow", Action: "sts:AssumeRole", ...extra });
const policy = (...statements: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement: statements });
const externalIdCondition = (operator: string, value: unknown) => ({ Condition: { [operator]: { "sts:ExternalId": value } } });

const CASES: { name: string; trust: Record<string, unknown> | undefined; request: TrustRequest; allowed: boolean }[] = [
  { name: "the caller's account root", trust: policy(allow({ Principal: { AWS: `arn:aws:iam::${CALLER}:root` } })), request: user, allowed: true },
  { name: "the caller's bare account id", trust: policy(allow({ Principal: { AWS: [OTHER, CALLER] } })), request: user, allowed: true },
  { name: "another account only", trust: policy(allow({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` } })), request: user, allowed: false },
  { name: "the caller's user ARN", trust: policy(allow({ Principal: { AWS: `arn:aws:iam::${CALLER}:user/scanner` } })), request: user, allowed: true },
  { name: "another user of the caller's account", trust: policy(allow({ Principal: { AWS: `arn:aws:iam::${CALLER}:user/someone` } })), request: user, allowed: false },
  { name: "the role of the caller's session", trust: policy(allow({ Principal: { AWS: `arn:aws:iam::${CALLER}:role/hub` } })), request: session, allowed: true },
  { name: "a service principal only", trust: policy(allow({ Principal: { Service: "lambda.amazonaws.com" } })), request: user, allowed: false },
  { name: "everyone", trust: policy(allow({ Principal: "*" })), request: user, allowed: true },
  { name: "another action", trust: policy({ Effect: "Allow", Principal: { AWS: CALLER }, Action: "sts:AssumeRoleWithWebIdentity" }), request: user, allowed: false },
  { name: "sts:* (action names are case-insensitive)", trust: policy({ Effect: "Allow", Principal: { AWS: CALLER }, Action: ["STS:*"] }), request: user, allowed: true },
  { name: "no trust policy", trust: undefined, request: user, allowed: false },
  {
    name: "external id required and sent",
    trust: policy(allow({ Principal: { AWS: CALLER }, ...externalIdCondition("StringEquals", "ext-1") })),
    request: withExternalId("ext-1"),
    allowed: true,
  },
  { name: "external id required, not sent", trust: policy(allow({ Principal: { AWS: CALLER }, ...externalIdCondition("StringEquals", "ext-1") })), request: user, allowed: false },
  {
    name: "external id required, another sent",
    trust: policy(allow({ Principal: { AWS: CALLER }, ...externalIdCondition("StringEquals", ["ext-1", "ext-2"]) })),
    request: withExternalId("ext-3"),
    allowed: false,
  },
  {
    name: "external id by StringLike (condition keys are case-insensitive)",
    trust: policy(allow({ Principal: { AWS: CALLER }, Condition: { StringLike: { "STS:EXTERNALID": "team-*" } } })),
    request: withExternalId("team-7"),
    allowed: true,
  },
  {
    name: "a condition the stub cannot judge grants nothing",
    trust: policy(allow({ Principal: { AWS: CALLER }, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })),
    request: user,
    allowed: false,
  },
  { name: "NotPrincipal grants nothing", trust: policy({ Effect: "Allow", NotPrincipal: { AWS: OTHER }, Action: "sts:AssumeRole" }), request: user, allowed: false },
  {
    name: "an explicit Deny wins",
    trust: policy(allow({ Principal: { AWS: CALLER } }), { Effect: "Deny", Principal: { AWS: `arn:aws:iam::${CALLER}:user/scanner` }, Action: "sts:AssumeRole" }),
    request: user,
    allowed: false,
  },
  {
    name: "a Deny whose condition does not hold",
    trust: policy(allow({ Principal: { AWS: CALLER } }), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", ...externalIdCondition("StringEquals", "blocked") }),
    request: withExternalId("fine"),
    allowed: true,
  },
  {
    name: "a Deny whose condition the stub cannot judge denies",
    trust: policy(allow({ Principal: { AWS: CALLER } }), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }),
    request: user,
    allowed: false,
  },
];

describe("stub role trust: who may assume a role", () => {
  it.each(CASES)("$name", ({ trust, request, allowed }) => {
    expect(trustAllowsAssumeRole(trust, request)).toBe(allowed);
  });
});
