import { beforeAll, describe, expect, it } from "vitest";
import { analyseRolePermissions, analyseTrustPolicy, classifyResourcePolicy, describeScope, loadActionCatalogue, type ActionCatalogue, type InvokeReason, type Reach } from "../../src/policy/index.js";
import { allow, deny, FN, ORG, OTHER, OWN, policy, roleWith, type Statement } from "./support.js";

/**
 * Issue 11, class 2: Denies that restrict. Identity policies (judged for the role as the caller) and
 * resource policies (judged for each principal's callers).
 */

const ACCOUNT = { accountId: OWN, organizationId: ORG };

interface RoleCase {
  name: string;
  rule: string;
  statements: Statement[];
  action: string;
  allowed: boolean;
  every?: string[];
  named?: string[];
  partial?: string[];
}

const ALL = allow({ Action: "*", Resource: "*" });

const roleCases: RoleCase[] = [
  {
    name: "Deny PassRole with NotResource leaves only the listed role",
    rule: "a Deny with NotResource denies every resource but those listed (IAM NotResource element)",
    statements: [allow({ Action: "iam:PassRole", Resource: "*" }), deny({ Action: "iam:PassRole", NotResource: `arn:aws:iam::${OWN}:role/worker` })],
    action: "iam:PassRole",
    allowed: true,
    named: [`arn:aws:iam::${OWN}:role/worker`],
    partial: ["notResource"],
  },
  {
    name: "Deny s3:* with NotResource leaves GetObject on one bucket",
    rule: "a Deny with NotResource denies every resource but those listed",
    statements: [ALL, deny({ Action: "s3:*", NotResource: "arn:aws:s3:::mine/*" })],
    action: "s3:GetObject",
    allowed: true,
    named: ["arn:aws:s3:::mine/*"],
    partial: ["notResource"],
  },
  {
    name: "the same Deny removes ListAllMyBuckets, which only * authorises",
    rule: "an action with no resource type is requested on *, which the NotResource list does not name",
    statements: [ALL, deny({ Action: "s3:*", NotResource: "arn:aws:s3:::mine/*" })],
    action: "s3:ListAllMyBuckets",
    allowed: false,
    partial: ["notResource"],
  },
  {
    name: "Deny on every role of the account removes PassRole there",
    rule: "an explicit Deny overrides an Allow on the resources it names (policy evaluation logic)",
    statements: [allow({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OWN}:role/*` }), deny({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OWN}:role/*` })],
    action: "iam:PassRole",
    allowed: false,
    partial: ["resourceScoped"],
  },
  {
    name: "Deny on one role keeps PassRole on every other role",
    rule: "a Deny on named resources leaves the Allow on the others",
    statements: [allow({ Action: "iam:PassRole", Resource: "*" }), deny({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OWN}:role/admin` })],
    action: "iam:PassRole",
    allowed: true,
    every: ["every account"],
    partial: ["resourceScoped"],
  },
  {
    name: "Deny on every secret of every account removes GetSecretValue",
    rule: "a Deny whose pattern covers every resource of the action's type denies the action",
    statements: [allow({ Action: "secretsmanager:GetSecretValue", Resource: "*" }), deny({ Action: "secretsmanager:*", Resource: "arn:aws:secretsmanager:*:*:secret:*" })],
    action: "secretsmanager:GetSecretValue",
    allowed: false,
    partial: ["resourceScoped"],
  },
  {
    name: "Deny on resources outside the account keeps AssumeRole on own roles only",
    rule: "StringNotEquals aws:ResourceAccount denies every resource of another account (global condition keys)",
    statements: [ALL, deny({ Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:ResourceAccount": OWN } } })],
    action: "sts:AssumeRole",
    allowed: true,
    every: [`account ${OWN}`],
    partial: ["resourceAccount"],
  },
  {
    name: "Deny unless the caller is of this account never applies to the role",
    rule: "a negated condition is false when the request's value is one of the listed values",
    statements: [allow({ Action: "iam:*", Resource: "*" }), deny({ Action: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": OWN } } })],
    action: "iam:PassRole",
    allowed: true,
    every: ["every account"],
  },
  {
    name: "Deny for callers of this account always applies to the role",
    rule: "a condition true for every request of the role makes the Deny unconditional for it",
    statements: [allow({ Action: "iam:*", Resource: "*" }), deny({ Action: "iam:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": OWN } } })],
    action: "iam:PassRole",
    allowed: false,
  },
  {
    name: "Deny unless our organisation never applies to the role of our organisation",
    rule: "aws:PrincipalOrgID is the caller's organisation; the role's account is in ours",
    statements: [allow({ Action: "iam:*", Resource: "*" }), deny({ Action: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } })],
    action: "iam:PassRole",
    allowed: true,
    every: ["every account"],
  },
  {
    name: "Deny under an MFA condition is reported, not subtracted",
    rule: "a condition that depends on the request (MFA) may not apply: conservative",
    statements: [allow({ Action: "iam:*", Resource: "*" }), deny({ Action: "iam:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } })],
    action: "iam:PassRole",
    allowed: true,
    every: ["every account"],
    partial: ["conditional"],
  },
];

interface InvokeCase {
  name: string;
  rule: string;
  doc: Record<string, unknown>;
  classification: Reach;
  reason: InvokeReason;
  neutralised?: boolean;
  limitedByCondition?: boolean;
}

const invoke = (extra: Statement): Statement => allow({ Action: "lambda:InvokeFunction", Resource: FN, ...extra });
const denyAll = (extra: Statement): Statement => deny({ Principal: "*", Action: "lambda:InvokeFunction", Resource: "*", ...extra });

const invokeCases: InvokeCase[] = [
  { name: "NotResource naming an alias denies the unqualified function", rule: "a Deny with NotResource denies every resource but those listed", doc: policy(invoke({ Principal: "*" }), deny({ Principal: "*", Action: "lambda:InvokeFunction", NotResource: `${FN}:live` })), classification: "public", reason: "wildcardPrincipal", neutralised: true },
  { name: "NotResource naming the function itself keeps the grant", rule: "the listed resources are the only ones the Deny does not cover", doc: policy(invoke({ Principal: "*" }), deny({ Principal: "*", Action: "lambda:InvokeFunction", NotResource: FN })), classification: "public", reason: "wildcardPrincipal" },
  { name: "Deny unless our organisation bounds a public grant", rule: "StringNotEquals aws:PrincipalOrgID is true for callers outside the organisation (and for anonymous callers, whose request lacks the key)", doc: policy(invoke({ Principal: "*" }), denyAll({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } })), classification: "organisation-scoped", reason: "boundedByDeny" },
  { name: "Deny unless our source account bounds a public grant", rule: "a negated condition on a key absent from the request is true: direct callers carry no aws:SourceAccount", doc: policy(invoke({ Principal: "*" }), denyAll({ Condition: { StringNotEquals: { "aws:SourceAccount": OWN } } })), classification: "own-account", reason: "boundedByDeny" },
  { name: "Deny unless our source account scopes a service grant", rule: "aws:SourceAccount is present when a service principal calls on behalf of a resource", doc: policy(invoke({ Principal: { Service: "s3.amazonaws.com" } }), denyAll({ Condition: { StringNotEquals: { "aws:SourceAccount": OWN } } })), classification: "service-scoped", reason: "boundedByDeny" },
  { name: "Deny unless this account neutralises another account's grant", rule: "aws:PrincipalAccount of the other account's principals is never ours", doc: policy(invoke({ Principal: { AWS: OTHER } }), denyAll({ Condition: { StringNotEquals: { "aws:PrincipalAccount": OWN } } })), classification: "cross-account", reason: "accountPrincipal", neutralised: true },
  { name: "Deny unless our source neutralises another account's direct grant", rule: "a principal's direct call has no aws:SourceArn, so ArnNotLike is true", doc: policy(invoke({ Principal: { AWS: OTHER } }), denyAll({ Condition: { ArnNotLike: { "AWS:SourceArn": `arn:aws:execute-api:eu-west-1:${OWN}:*` } } })), classification: "cross-account", reason: "accountPrincipal", neutralised: true },
  { name: "Deny of non-services unless our organisation, IfExists: services remain", rule: "BoolIfExists is true when the key is absent (anonymous callers), so only service principals escape besides the organisation", doc: policy(invoke({ Principal: "*" }), denyAll({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } })), classification: "service-no-source", reason: "boundedByDeny" },
  { name: "Deny of non-services without IfExists lets anonymous callers through", rule: "Bool on an absent key is false: anonymous requests carry no aws:PrincipalIsAWSService", doc: policy(invoke({ Principal: "*" }), denyAll({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG }, Bool: { "aws:PrincipalIsAWSService": "false" } } })), classification: "public", reason: "wildcardPrincipal" },
  { name: "Deny under a condition that cannot be judged is reported", rule: "aws:SecureTransport depends on the request: conservative", doc: policy(invoke({ Principal: "*" }), denyAll({ Condition: { Bool: { "aws:SecureTransport": "false" } } })), classification: "public", reason: "wildcardPrincipal", limitedByCondition: true },
  { name: "Deny on another function keeps the grant", rule: "a Deny on other resources does not cover this one", doc: policy(invoke({ Principal: "*" }), denyAll({ Resource: `${FN}-other` })), classification: "public", reason: "wildcardPrincipal" },
  { name: "Deny unless our resource account never applies to our function", rule: "aws:ResourceAccount is the function's account", doc: policy(invoke({ Principal: "*" }), denyAll({ Condition: { StringNotEquals: { "aws:ResourceAccount": OWN } } })), classification: "public", reason: "wildcardPrincipal" },
];

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

describe("class 2: deny subtraction", () => {
  it("has at least 10 shapes per table", () => {
    expect(roleCases.length).toBeGreaterThanOrEqual(10);
    expect(invokeCases.length).toBeGreaterThanOrEqual(10);
    expect(new Set([...roleCases, ...invokeCases].map((item) => item.name)).size).toBe(roleCases.length + invokeCases.length);
  });

  it.each(roleCases)("identity: $name", (item) => {
    const analysis = analyseRolePermissions(roleWith(...item.statements), catalogue, { account: ACCOUNT });
    const resources = analysis.resourcesFor(item.action);
    expect(resources.allowed).toBe(item.allowed);
    expect(analysis.isAllowed(item.action)).toBe(item.allowed);
    expect(resources.every.map((entry) => describeScope(entry.scope))).toEqual(item.every ?? []);
    expect(resources.named.map((entry) => entry.pattern)).toEqual(item.named ?? []);
    expect(analysis.partialDenies.map((entry) => entry.reason)).toEqual(item.partial ?? []);
  });

  it.each(invokeCases)("resource policy: $name", (item) => {
    const [statement] = classifyResourcePolicy(item.doc, ACCOUNT).statements;
    expect(statement?.classification).toBe(item.classification);
    expect(statement?.reason).toBe(item.reason);
    expect(statement?.neutralised).toBe(item.neutralised ?? false);
    expect((statement?.principals[0]?.limitedByCondition.length ?? 0) > 0).toBe(item.limitedByCondition ?? false);
  });

  it("a Deny that bounds a grant is named in the evidence", () => {
    const [statement] = classifyResourcePolicy(policy(invoke({ Principal: "*" }), denyAll({ Sid: "OrgOnly", Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } })), ACCOUNT).statements;
    expect(statement?.principals[0]?.boundedBy).toMatchObject({ statement: { index: 1, sid: "OrgOnly" }, reach: "organisation-scoped" });
  });

  it("an admin role whose iam:* is denied on every role is not admin and cannot pass roles", () => {
    const analysis = analyseRolePermissions(roleWith(ALL, deny({ Action: "iam:*", Resource: "arn:aws:iam::*:role/*" })), catalogue, { account: ACCOUNT });
    expect(analysis.isAdmin).toBe(false);
    expect(analysis.passRoleOnAnyResource).toEqual([]);
  });

  it("trust: Deny unless this account bounds a public trust", () => {
    // the same rule on sts:AssumeRole: a negated aws:PrincipalAccount is true for every other account
    const trust = analyseTrustPolicy(policy(allow({ Principal: "*", Action: "sts:AssumeRole" }), deny({ Principal: "*", Action: "sts:AssumeRole", Condition: { StringNotEquals: { "aws:PrincipalAccount": OWN } } })), ACCOUNT);
    expect(trust.isPubliclyAssumable).toBe(false);
    expect(trust.statements[0]?.principals[0]?.classification).toBe("own-account");
  });
});
