import { describe, expect, it } from "vitest";
import { classifyResourcePolicy, type InvokeReason, type Reach } from "../../src/policy/index.js";
import { allow, FN, ORG, OTHER, OTHER_ORG, OWN, policy, TRUSTED } from "./support.js";

/**
 * Issue 11, class 5: service principals and their sources. A source in another account is a grant to
 * that account's resources (Lambda AddPermission: "If you grant permission to a service principal
 * without specifying the source, other accounts could potentially configure resources in their account
 * to invoke your Lambda function"); condition keys are case-insensitive.
 */

interface Case {
  name: string;
  rule: string;
  service?: string;
  condition: Record<string, unknown>;
  organizationId?: string | null;
  classification: Reach;
  reason: InvokeReason;
}

const cases: Case[] = [
  { name: "S3 with a foreign SourceAccount", rule: "aws:SourceAccount is the account that owns the calling resource", condition: { StringEquals: { "aws:SourceAccount": OTHER } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "SNS with a foreign topic ARN", rule: "aws:SourceArn names the calling resource and its account", service: "sns.amazonaws.com", condition: { ArnLike: { "aws:SourceArn": `arn:aws:sns:eu-west-1:${OTHER}:alerts` } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "S3 with our SourceAccount", rule: "a source in our account keeps the service scoped", condition: { StringEquals: { "aws:SourceAccount": OWN } }, classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "S3 with a trusted SourceAccount", rule: "accounts the operator vouches for are trusted", condition: { StringEquals: { "aws:SourceAccount": TRUSTED } }, classification: "trusted-account", reason: "servicePrincipalScoped" },
  { name: "SourceArn of every resource of our account", rule: "an ARN with a literal account names that account whatever the other fields", service: "events.amazonaws.com", condition: { ArnLike: { "aws:SourceArn": `arn:aws:*:*:${OWN}:*` } }, classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "SourceArn of every resource of another account", rule: "an ARN with a literal account names that account", service: "events.amazonaws.com", condition: { ArnLike: { "aws:SourceArn": `arn:aws:*:*:${OTHER}:*` } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "Lambda's own spelling AWS:SourceArn", rule: "condition key names are case-insensitive (IAM Condition element)", service: "apigateway.amazonaws.com", condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:eu-west-1:${OTHER}:api/*` } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "lower-case aws:sourceaccount", rule: "condition key names are case-insensitive", condition: { StringEquals: { "aws:sourceaccount": OTHER } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "a named bucket owned by another account", rule: "conditions are ANDed; the bucket ARN names no account, aws:SourceAccount does", condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" }, StringEquals: { "aws:SourceAccount": OTHER } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "a named bucket alone", rule: "a bucket ARN pins one named resource", condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } }, classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "our account or another", rule: "values of one key are ORed: the widest decides", condition: { StringEquals: { "aws:SourceAccount": [OWN, OTHER] } }, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "SourceOrgID of our organisation", rule: "aws:SourceOrgID is the organisation of the calling resource's account", condition: { StringEquals: { "aws:SourceOrgID": ORG } }, organizationId: ORG, classification: "service-scoped", reason: "servicePrincipalScoped" },
  { name: "SourceOrgID of another organisation", rule: "another organisation's resources are other accounts'", condition: { StringEquals: { "aws:SourceOrgID": OTHER_ORG } }, organizationId: ORG, classification: "cross-account", reason: "servicePrincipalForeignSource" },
  { name: "SourceOrgPaths, ours unknown", rule: "the organisation is the first segment of the path; ours is not known", condition: { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": `${ORG}/r-ab12/*` } }, organizationId: undefined, classification: "organisation-unknown", reason: "organisationUnknown" },
  { name: "SourceArn with a wildcard bucket stays unscoped", rule: "bucket names are first come first served: a wildcard bucket is anyone's", condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::upl*" } }, classification: "service-no-source", reason: "servicePrincipalUnscoped" },
];

describe("class 5: service principals and sources", () => {
  it("has at least 10 distinct shapes", () => {
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("$name", (item) => {
    const doc = policy(allow({ Principal: { Service: item.service ?? "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: FN, Condition: item.condition }));
    const organizationId = "organizationId" in item ? item.organizationId : ORG;
    const [statement] = classifyResourcePolicy(doc, { accountId: OWN, trustedAccountIds: [TRUSTED], organizationId }).statements;
    expect(statement?.classification).toBe(item.classification);
    expect(statement?.reason).toBe(item.reason);
  });

  it("lists a service with a foreign source among the cross-account principals, not the unscoped services", () => {
    const { summary } = classifyResourcePolicy(policy(allow({ Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: FN, Condition: { StringEquals: { "AWS:SourceAccount": OTHER } } })), { accountId: OWN });
    expect(summary.crossAccountPrincipals).toEqual(["s3.amazonaws.com"]);
    expect(summary.unscopedServicePrincipals).toEqual([]);
  });
});
