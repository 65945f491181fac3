import { describe, expect, it } from "vitest";
import { analyseTrustPolicy, classifyResourcePolicy, uniqueIdKind, type Reach } from "../../src/policy/index.js";
import { allow, FN, OTHER, OWN, policy } from "./support.js";

/**
 * Issue 11, class 6: principals that are nobody. When the user or role a policy names is deleted, AWS
 * shows the unique id it stored; the grant matches no one, even a recreated principal of the same name
 * (IAM Principal element; unique-id prefixes: IAM identifiers, "Understanding unique ID prefixes").
 */

const ROLE_ID = "AROAEXAMPLEID1234567";
const USER_ID = "AIDAJQABLZS4A3QDU576Q";

describe("class 6: unique ids", () => {
  it.each<[string, string, string | null]>([
    // the prefix table of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes
    ["role", ROLE_ID, "role"],
    ["IAM user", USER_ID, "IAM user"],
    ["user group", "AGPAEXAMPLEID1234567", "user group"],
    ["instance profile", "AIPAEXAMPLEID1234567", "EC2 instance profile"],
    ["access key", "AKIAEXAMPLEID1234567", "access key"],
    ["temporary key", "ASIAEXAMPLEID1234567", "temporary access key"],
    ["unknown prefix", "ABCDEXAMPLEID1234567", null],
    ["too short", "AROA1234", null],
    ["lower case", "aroaexampleid1234567", null],
    ["an account id", OWN, null],
    ["an ARN", `arn:aws:iam::${OWN}:role/x`, null],
  ])("%s", (_name, value, kind) => {
    expect(uniqueIdKind(value)).toBe(kind);
  });
});

interface Case {
  name: string;
  rule: string;
  principal: unknown;
  action?: string;
  classification: Reach;
  deleted: string[];
  crossAccount: string[];
}

const cases: Case[] = [
  { name: "a deleted role", rule: "a unique id left by a deleted role matches nobody", principal: { AWS: ROLE_ID }, classification: "nobody", deleted: [ROLE_ID], crossAccount: [] },
  { name: "a deleted user", rule: "a unique id left by a deleted user matches nobody", principal: { AWS: USER_ID }, classification: "nobody", deleted: [USER_ID], crossAccount: [] },
  { name: "a deleted role in a list", rule: "each principal of a list is judged on its own", principal: { AWS: [ROLE_ID] }, classification: "nobody", deleted: [ROLE_ID], crossAccount: [] },
  { name: "a deleted role next to another account", rule: "the other account still reaches the function", principal: { AWS: [ROLE_ID, OTHER] }, classification: "cross-account", deleted: [ROLE_ID], crossAccount: [OTHER] },
  { name: "a deleted role next to our account", rule: "our account is our own", principal: { AWS: [ROLE_ID, OWN] }, classification: "own-account", deleted: [ROLE_ID], crossAccount: [] },
  { name: "an unknown prefix stays conservative", rule: "a value that is neither an ARN, an account nor a known unique id may be anyone", principal: { AWS: "ABCDEXAMPLEID1234567" }, classification: "cross-account", deleted: [], crossAccount: ["ABCDEXAMPLEID1234567"] },
  { name: "a deleted role reading the function", rule: "a non-invoke grant to nobody reaches nobody", principal: { AWS: ROLE_ID }, action: "lambda:GetFunction", classification: "nobody", deleted: [ROLE_ID], crossAccount: [] },
  { name: "a deleted access key id as principal", rule: "every documented unique-id prefix names an IAM entity, not a caller", principal: { AWS: "AKIAEXAMPLEID1234567" }, classification: "nobody", deleted: ["AKIAEXAMPLEID1234567"], crossAccount: [] },
  { name: "a deleted role with a condition", rule: "conditions cannot widen a principal that matches nobody", principal: { AWS: ROLE_ID }, classification: "nobody", deleted: [ROLE_ID], crossAccount: [] },
  { name: "two deleted principals", rule: "each is listed once", principal: { AWS: [ROLE_ID, USER_ID, ROLE_ID] }, classification: "nobody", deleted: [USER_ID, ROLE_ID].sort(), crossAccount: [] },
];

describe("class 6: principals that are nobody", () => {
  it("has at least 10 distinct shapes", () => {
    expect(new Set(cases.map((item) => item.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("$name", (item) => {
    const analysis = classifyResourcePolicy(policy(allow({ Principal: item.principal, Action: item.action ?? "lambda:InvokeFunction", Resource: FN })), { accountId: OWN });
    expect(analysis.statements[0]?.classification).toBe(item.classification);
    expect(analysis.summary.deletedPrincipals).toEqual(item.deleted);
    expect(analysis.summary.crossAccountPrincipals).toEqual(item.crossAccount);
    expect(analysis.summary.isPubliclyInvokable).toBe(false);
    expect(analysis.summary.externalNonInvokeStatements).toEqual([]);
  });

  it("a trust policy naming a deleted role lets only Lambda assume the role", () => {
    const trust = analyseTrustPolicy(policy(allow({ Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }), allow({ Principal: { AWS: ROLE_ID }, Action: "sts:AssumeRole" })), { accountId: OWN });
    expect(trust.assumableByOtherThanLambda).toBe(false);
    expect(trust.crossAccountPrincipals).toEqual([]);
    expect(trust.deletedPrincipals).toEqual([ROLE_ID]);
    expect(trust.statements[1]?.principals[0]).toMatchObject({ classification: "nobody", reason: "deletedPrincipal" });
  });
});
