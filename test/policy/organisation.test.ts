import { describe, expect, it } from "vitest";
import { analyseTrustPolicy, classifyOrganisations, classifyResourcePolicy, type Reach } from "../../src/policy/index.js";
import { allow, FN, ORG, OTHER_ORG, OWN, policy } from "./support.js";

/**
 * Issue 11, class 7: the organisation. aws:PrincipalOrgID / aws:PrincipalOrgPaths name the caller's
 * organisation; naming ours keeps a grant inside it, another one is cross-account, and when ours is not
 * known (DescribeOrganization denied) the answer says so.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
 */

interface Case {
  name: string;
  rule: string;
  condition: Record<string, unknown>;
  /** Our organisation: id, null (none), undefined (not known). */
  ours: string | null | undefined;
  classification: Reach;
}

const cases: Case[] = [
  { name: "our organisation id", rule: "aws:PrincipalOrgID = ours admits only principals of our organisation", condition: { StringEquals: { "aws:PrincipalOrgID": ORG } }, ours: ORG, classification: "organisation-scoped" },
  { name: "another organisation's id", rule: "principals of another organisation are other accounts'", condition: { StringEquals: { "aws:PrincipalOrgID": OTHER_ORG } }, ours: ORG, classification: "cross-account" },
  { name: "an organisation, ours not known", rule: "without our id the scan cannot tell", condition: { StringEquals: { "aws:PrincipalOrgID": ORG } }, ours: undefined, classification: "organisation-unknown" },
  { name: "an organisation, the account in none", rule: "an account outside any organisation has no organisation to share", condition: { StringEquals: { "aws:PrincipalOrgID": ORG } }, ours: null, classification: "cross-account" },
  { name: "our organisation path", rule: "aws:PrincipalOrgPaths begins with the organisation id", condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/r-ab12/ou-ab12-11111111/*` } }, ours: ORG, classification: "organisation-scoped" },
  { name: "another organisation's path", rule: "the organisation is the path's first segment", condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${OTHER_ORG}/r-ab12/*` } }, ours: ORG, classification: "cross-account" },
  { name: "ours or another", rule: "values of one key are ORed: the widest decides", condition: { StringEquals: { "aws:PrincipalOrgID": [ORG, OTHER_ORG] } }, ours: ORG, classification: "cross-account" },
  { name: "key spelled in capitals", rule: "condition key names are case-insensitive", condition: { StringEquals: { "AWS:PRINCIPALORGID": OTHER_ORG } }, ours: ORG, classification: "cross-account" },
  { name: "unknown organisation ANDed with our account", rule: "conditions are ANDed: the account condition alone bounds the grant", condition: { StringEquals: { "aws:PrincipalOrgID": ORG, "aws:PrincipalAccount": OWN } }, ours: undefined, classification: "own-account" },
  { name: "a wildcard organisation id", rule: "a wildcard in the organisation id admits every organisation", condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } }, ours: ORG, classification: "public" },
  { name: "a negated organisation condition on the Allow", rule: "StringNotEquals admits every other organisation and callers in none", condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } }, ours: ORG, classification: "public" },
];

describe("class 7: the organisation", () => {
  it("has at least 10 distinct shapes", () => {
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("$name", (item) => {
    const doc = policy(allow({ Principal: "*", Action: "lambda:InvokeFunction", Resource: FN, Condition: item.condition }));
    const analysis = classifyResourcePolicy(doc, { accountId: OWN, organizationId: item.ours });
    expect(analysis.statements[0]?.classification).toBe(item.classification);
    const trust = analyseTrustPolicy(policy(allow({ Principal: "*", Action: "sts:AssumeRole", Condition: item.condition })), { accountId: OWN, organizationId: item.ours });
    expect(trust.statements[0]?.principals[0]?.classification).toBe(item.classification);
  });

  it("an unknown organisation is its own summary entry, so only judgements that need it become unknown", () => {
    const { summary } = classifyResourcePolicy(policy(allow({ Sid: "Org", Principal: "*", Action: "lambda:InvokeFunction", Resource: FN, Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } })), { accountId: OWN });
    expect(summary.organisationUnknownStatements).toEqual([{ index: 0, sid: "Org" }]);
    expect(summary.organisationScopedStatements).toEqual([]);
    expect(summary.isPubliclyInvokable).toBe(false);
    expect(summary.crossAccountPrincipals).toEqual([]);
  });

  it("compares organisation ids without regard to case", () => {
    expect(classifyOrganisations([ORG.toUpperCase()], { accountId: OWN, organizationId: ORG })).toBe("organisation-scoped");
  });
});
