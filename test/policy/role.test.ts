import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyseRolePermissions, ESCALATION_PATHS, loadActionCatalogue, type ActionCatalogue, type RolePolicyInput } from "../../src/policy/index.js";

/**
 * Fixtures are AWS managed policies as published (see fixtures/README.md). ReadOnlyAccess is an excerpt:
 * a representative subset of its real statements, because the real document lists 1,000+ patterns.
 */
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
}

const ADMIN = { arn: "arn:aws:iam::aws:policy/AdministratorAccess", name: "AdministratorAccess", document: fixture("AdministratorAccess") };
const POWER_USER = { arn: "arn:aws:iam::aws:policy/PowerUserAccess", name: "PowerUserAccess", document: fixture("PowerUserAccess") };
const READ_ONLY = { arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", name: "ReadOnlyAccess", document: fixture("ReadOnlyAccess.excerpt") };
const BASIC = { arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", name: "AWSLambdaBasicExecutionRole", document: fixture("AWSLambdaBasicExecutionRole") };

const role = (input: Partial<RolePolicyInput>): RolePolicyInput => ({ inlinePolicies: [], managedPolicies: [], ...input });
const inline = (name: string, ...statements: Record<string, unknown>[]) => ({ name, document: { Version: "2012-10-17", Statement: statements } });

let catalogue: ActionCatalogue;

beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

describe("the action catalogue", () => {
  it("expands wildcards case-insensitively to canonical names", () => {
    expect([...catalogue.expand("LAMBDA:invoke*")].sort()).toEqual(["lambda:InvokeAsync", "lambda:InvokeFunction", "lambda:InvokeFunctionUrl"]);
    expect(catalogue.expand("iam:PassRole")).toEqual(new Set(["iam:PassRole"]));
    expect(catalogue.expand("*").size).toBe(catalogue.size);
    expect(catalogue.size).toBeGreaterThan(15_000);
  });

  it("keeps an action the catalogue does not know, and drops malformed patterns", () => {
    expect(catalogue.expand("lambda:NotYetReleased")).toEqual(new Set(["lambda:NotYetReleased"]));
    expect(catalogue.expand("nocolon").size).toBe(0);
  });

  it("caches expansions per pattern", () => {
    expect(catalogue.expand("s3:Get*")).toBe(catalogue.expand("S3:GET*"));
    expect(catalogue.complement(["iam:*", "sts:*"])).toBe(catalogue.complement(["sts:*", "iam:*"]));
  });
});

describe("analyseRolePermissions on AWS managed policies", () => {
  it("AdministratorAccess is admin, by the * statement and by covering the catalogue", () => {
    const analysis = analyseRolePermissions(role({ managedPolicies: [ADMIN] }), catalogue);
    const grant = { policy: { kind: "managed", name: "AdministratorAccess", arn: ADMIN.arn }, statement: { index: 0, sid: null }, resources: ["*"], notResources: null, onAnyResource: true, conditional: false };
    expect(analysis.isAdmin).toBe(true);
    expect(analysis.adminReasons).toEqual([
      { reason: "actionWildcardOnAnyResource", grant },
      { reason: "wholeCatalogue", grant: null },
    ]);
    expect(analysis.effectiveActionCount).toBe(catalogue.size);
    expect(analysis.wildcardActionGrants).toEqual([{ pattern: "*", grant }]);
    expect(analysis.passRoleOnAnyResource).toEqual([grant]);
    expect(analysis.privilegeEscalationPaths.map((path) => path.id)).toEqual(ESCALATION_PATHS.map((path) => path.id));
    expect(analysis.dataExfiltrationOnAnyResource.map((item) => item.action)).toContain("secretsmanager:GetSecretValue");
    expect(analysis.credentialReturningActions.find((item) => item.action === "sts:AssumeRole")?.grants).toEqual([grant]);
  });

  it("PowerUserAccess: NotAction leaves out IAM, so not admin, yet Lambda code paths remain", () => {
    const analysis = analyseRolePermissions(role({ managedPolicies: [POWER_USER] }), catalogue);
    const excluded = catalogue.expand("iam:*").size + catalogue.expand("organizations:*").size + catalogue.expand("account:*").size;
    expect(analysis.isAdmin).toBe(false);
    expect(analysis.adminReasons).toEqual([]);
    expect(analysis.notActionAllows).toEqual([
      {
        notActions: ["iam:*", "organizations:*", "account:*"],
        allowedActionCount: catalogue.size - excluded,
        grant: { policy: { kind: "managed", name: "PowerUserAccess", arn: POWER_USER.arn }, statement: { index: 0, sid: null }, resources: ["*"], notResources: null, onAnyResource: true, conditional: false },
      },
    ]);
    // The second statement gives back nine named actions, four of them IAM/Organizations.
    expect(analysis.effectiveActionCount).toBe(catalogue.size - excluded + 9);
    expect(analysis.isAllowed("iam:PassRole")).toBe(false);
    expect(analysis.grantsFor("iam:ListRoles").map((grant) => grant.statement.index)).toEqual([1]);
    expect(analysis.passRoleOnAnyResource).toEqual([]);
    const paths = analysis.privilegeEscalationPaths.map((path) => path.id);
    expect(paths).toEqual(["lambda-update-function-code", "lambda-update-function-configuration-layer", "glue-update-dev-endpoint", "sts-assume-role-any"]);
    expect(analysis.wildcardActionGrants).toEqual([]);
  });

  it("ReadOnlyAccess (excerpt) is not admin and has no escalation, but reads data and credentials", () => {
    const analysis = analyseRolePermissions(role({ managedPolicies: [READ_ONLY] }), catalogue);
    expect(analysis.isAdmin).toBe(false);
    expect(analysis.privilegeEscalationPaths).toEqual([]);
    expect(analysis.wildcardActionGrants).toEqual([]);
    expect(analysis.dataExfiltrationOnAnyResource.map((item) => item.action)).toEqual([
      "s3:GetObject",
      "s3:GetObjectVersion",
      "ssm:GetParameter",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
      "dynamodb:Scan",
      "dynamodb:Query",
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "lambda:GetFunction",
      "sqs:ReceiveMessage",
    ]);
    expect(analysis.credentialReturningActions.map((item) => item.action)).toEqual([
      "sts:GetSessionToken",
      "ecr:GetAuthorizationToken",
      "ssm:GetParameter",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
    ]);
    expect(analysis.dataExfiltrationOnAnyResource[0]?.grants[0]).toMatchObject({ policy: { name: "ReadOnlyAccess" }, statement: { index: 0, sid: "ReadOnlyActions" } });
    expect(analysis.isAllowed("secretsmanager:GetSecretValue")).toBe(false);
    expect(analysis.isAllowed("kms:Decrypt")).toBe(false);
  });

  it("AWSLambdaBasicExecutionRole grants exactly the three log actions", () => {
    const analysis = analyseRolePermissions(role({ managedPolicies: [BASIC] }), catalogue);
    expect(analysis.effectiveActionCount).toBe(3);
    expect(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"].every(analysis.isAllowed)).toBe(true);
    expect(analysis.isAllowed("logs:DeleteLogGroup")).toBe(false);
    expect(analysis).toMatchObject({
      isAdmin: false,
      wildcardActionGrants: [],
      notActionAllows: [],
      passRoleOnAnyResource: [],
      privilegeEscalationPaths: [],
      dataExfiltrationOnAnyResource: [],
      credentialReturningActions: [],
      partialDenies: [],
      boundaryApplied: false,
    });
  });
});

describe("analyseRolePermissions: NotAction, Deny and boundary", () => {
  it("a NotAction allow on * that leaves almost everything is admin", () => {
    const analysis = analyseRolePermissions(role({ inlinePolicies: [inline("almost-all", { Sid: "Most", Effect: "Allow", NotAction: ["s3:DeleteBucket"], Resource: "*" })] }), catalogue);
    expect(analysis.isAdmin).toBe(true);
    expect(analysis.adminReasons.map((item) => [item.reason, item.grant?.policy.name, item.grant?.statement.sid])).toEqual([["notActionAllowsNearlyEverything", "almost-all", "Most"]]);
    expect(analysis.effectiveActionCount).toBe(catalogue.size - 1);
    expect(analysis.isAllowed("s3:DeleteBucket")).toBe(false);
  });

  it("an unconditional Deny on * subtracts: admin minus IAM is not admin", () => {
    const analysis = analyseRolePermissions(role({ managedPolicies: [ADMIN], inlinePolicies: [inline("no-iam", { Effect: "Deny", Action: "iam:*", Resource: "*" })] }), catalogue);
    expect(analysis.isAdmin).toBe(false);
    expect(analysis.effectiveActionCount).toBe(catalogue.size - catalogue.expand("iam:*").size);
    expect(analysis.isAllowed("iam:PassRole")).toBe(false);
    expect(analysis.grantsFor("iam:AttachRolePolicy")).toEqual([]);
    const paths = analysis.privilegeEscalationPaths.map((path) => path.id);
    expect(paths).not.toContain("attach-role-policy");
    expect(paths).toContain("lambda-update-function-code");
    expect(analysis.partialDenies).toEqual([]);
  });

  it("conditional and resource-scoped Denies do not subtract and are reported", () => {
    const analysis = analyseRolePermissions(
      role({
        managedPolicies: [ADMIN],
        inlinePolicies: [
          inline(
            "guards",
            { Sid: "MfaOnly", Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
            { Sid: "ProdBucket", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::prod-data" },
            { Sid: "AllBut", Effect: "Deny", Action: "kms:*", NotResource: "arn:aws:kms:eu-west-1:111122223333:key/abc" },
          ),
        ],
      }),
      catalogue,
    );
    expect(analysis.isAllowed("iam:PassRole")).toBe(true);
    expect(analysis.isAllowed("s3:DeleteBucket")).toBe(true);
    expect(analysis.partialDenies.map((item) => [item.grant.statement.sid, item.reason])).toEqual([
      ["MfaOnly", "conditional"],
      ["ProdBucket", "resourceScoped"],
      ["AllBut", "notResource"],
    ]);
  });

  it("a permissions boundary intersects: admin inside an s3+logs boundary can do only s3 and logs", () => {
    const boundary = { arn: "arn:aws:iam::111122223333:policy/boundary", document: { Statement: [{ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" }] } };
    const analysis = analyseRolePermissions(role({ managedPolicies: [ADMIN], permissionsBoundary: boundary }), catalogue);
    expect(analysis.boundaryApplied).toBe(true);
    expect(analysis.isAdmin).toBe(false);
    expect(analysis.effectiveActionCount).toBe(catalogue.expand("s3:*").size + catalogue.expand("logs:*").size);
    expect(analysis.isAllowed("s3:GetObject")).toBe(true);
    expect(analysis.isAllowed("iam:PassRole")).toBe(false);
    expect(analysis.privilegeEscalationPaths).toEqual([]);
    expect(analysis.dataExfiltrationOnAnyResource.map((item) => item.action)).toEqual(["s3:GetObject", "s3:GetObjectVersion"]);
    // Grants name the identity policy, never the boundary.
    expect(analysis.grantsFor("s3:GetObject").map((grant) => grant.policy.name)).toEqual(["AdministratorAccess"]);
  });

  it("a boundary does not add permissions the identity policies lack", () => {
    const boundary = { arn: "arn:aws:iam::111122223333:policy/wide", document: fixture("AdministratorAccess") };
    const analysis = analyseRolePermissions(role({ managedPolicies: [BASIC], permissionsBoundary: boundary }), catalogue);
    expect(analysis.effectiveActionCount).toBe(3);
  });

  it("a Deny inside the boundary subtracts too", () => {
    const boundary = { arn: "arn:aws:iam::111122223333:policy/b", document: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "lambda:*", Resource: "*" }] } };
    const analysis = analyseRolePermissions(role({ managedPolicies: [ADMIN], permissionsBoundary: boundary }), catalogue);
    expect(analysis.isAllowed("lambda:UpdateFunctionCode")).toBe(false);
    expect(analysis.isAllowed("s3:PutObject")).toBe(true);
  });
});

describe("analyseRolePermissions: escalation and capabilities", () => {
  it("PassRole + CreateFunction + InvokeFunction is a path naming every granting statement", () => {
    const analysis = analyseRolePermissions(
      role({
        inlinePolicies: [
          inline("deployer", { Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, { Sid: "Fns", Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }),
        ],
      }),
      catalogue,
    );
    const path = analysis.privilegeEscalationPaths.find((item) => item.id === "pass-role-lambda-create-function");
    expect(path?.actions.map((item) => [item.action, item.grants.map((grant) => `${grant.policy.name}#${grant.statement.sid}`)])).toEqual([
      ["iam:PassRole", ["deployer#Pass"]],
      ["lambda:CreateFunction", ["deployer#Fns"]],
      ["lambda:InvokeFunction", ["deployer#Fns"]],
    ]);
    expect(analysis.passRoleOnAnyResource.map((grant) => grant.statement.sid)).toEqual(["Pass"]);
    expect(analysis.privilegeEscalationPaths.map((item) => item.id)).toEqual(["pass-role-lambda-create-function"]);
  });

  it("PassRole on one named role is not PassRole on any resource", () => {
    const analysis = analyseRolePermissions(role({ inlinePolicies: [inline("p", { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/worker" })] }), catalogue);
    expect(analysis.passRoleOnAnyResource).toEqual([]);
    expect(analysis.grantsFor("iam:PassRole")).toHaveLength(1);
  });

  it("PassRole on arn:aws:iam::*:role/* is on any resource", () => {
    const analysis = analyseRolePermissions(role({ inlinePolicies: [inline("p", { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/*" })] }), catalogue);
    expect(analysis.passRoleOnAnyResource.map((grant) => grant.resources)).toEqual([["arn:aws:iam::*:role/*"]]);
  });

  it("iam:Put* yields the three inline-policy paths; service wildcards are reported", () => {
    const analysis = analyseRolePermissions(role({ inlinePolicies: [inline("w", { Effect: "Allow", Action: ["iam:Put*", "s3:*"], Resource: "*" })] }), catalogue);
    expect(analysis.privilegeEscalationPaths.map((item) => item.id)).toEqual(["put-role-policy", "put-user-policy", "put-group-policy"]);
    expect(analysis.wildcardActionGrants.map((item) => item.pattern)).toEqual(["s3:*"]);
  });

  it("sts:AssumeRole on one role returns credentials but is not the any-role path", () => {
    const analysis = analyseRolePermissions(role({ inlinePolicies: [inline("a", { Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::444455556666:role/x" })] }), catalogue);
    expect(analysis.privilegeEscalationPaths).toEqual([]);
    expect(analysis.credentialReturningActions.map((item) => item.action)).toEqual(["sts:AssumeRole"]);
  });

  it("an allow on resources of one service grants only that service's actions", () => {
    const notActionOnBucket = analyseRolePermissions(
      role({ inlinePolicies: [inline("exports", { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "arn:aws:s3:::exports/*" })] }),
      catalogue,
    );
    expect(notActionOnBucket.isAdmin).toBe(false);
    expect(notActionOnBucket.privilegeEscalationPaths).toEqual([]);
    expect(notActionOnBucket.isAllowed("s3:GetObject")).toBe(true);
    expect(notActionOnBucket.isAllowed("lambda:UpdateFunctionCode")).toBe(false);
    const mixed = analyseRolePermissions(
      role({ inlinePolicies: [inline("m", { Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] })] }),
      catalogue,
    );
    expect(mixed.isAllowed("lambda:UpdateFunctionCode")).toBe(false);
    const wildcardService = analyseRolePermissions(
      role({ inlinePolicies: [inline("w", { Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "arn:aws:*:*:*:*" })] }),
      catalogue,
    );
    expect(wildcardService.isAllowed("lambda:UpdateFunctionCode")).toBe(true);
  });

  it("UpdateAssumeRolePolicy needs sts:AssumeRole to be a path", () => {
    const without = analyseRolePermissions(role({ inlinePolicies: [inline("u", { Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", Resource: "*" })] }), catalogue);
    expect(without.privilegeEscalationPaths).toEqual([]);
    const withAssume = analyseRolePermissions(role({ inlinePolicies: [inline("u", { Effect: "Allow", Action: ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], Resource: "*" })] }), catalogue);
    expect(withAssume.privilegeEscalationPaths.map((item) => item.id)).toEqual(["update-assume-role-policy", "sts-assume-role-any"]);
  });

  it("the same action from inline and managed policies lists both grants, conditional ones flagged", () => {
    const analysis = analyseRolePermissions(
      role({
        inlinePolicies: [inline("tagged", { Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "orders" } } })],
        managedPolicies: [{ arn: "arn:aws:iam::111122223333:policy/ci", name: "ci", document: { Statement: { Effect: "Allow", Action: "lambda:Update*", Resource: "arn:aws:lambda:eu-west-1:111122223333:function:orders" } } }],
      }),
      catalogue,
    );
    expect(analysis.grantsFor("LAMBDA:updatefunctioncode").map((grant) => [grant.policy.kind, grant.policy.name, grant.conditional, grant.onAnyResource])).toEqual([
      ["inline", "tagged", true, true],
      ["managed", "ci", false, false],
    ]);
  });

  it("a URL-encoded document (as IAM returns it) is read", () => {
    const encoded = encodeURIComponent(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*" }] }));
    const analysis = analyseRolePermissions(role({ inlinePolicies: [{ name: "k", document: encoded }] }), catalogue);
    expect(analysis.privilegeEscalationPaths.map((item) => item.id)).toEqual(["create-access-key"]);
  });

  it("a malformed document throws a PolicyParseError naming the policy", () => {
    expect(() => analyseRolePermissions(role({ inlinePolicies: [{ name: "broken", document: { Statement: [{ Effect: "Allow" }] } }] }), catalogue)).toThrow(
      expect.objectContaining({ name: "PolicyParseError", code: "missingAction", message: expect.stringContaining("inline policy broken") }),
    );
  });
});

// Speed is measured by `npm run bench` (check on the 10,000-function snapshot), not by a timed test.
describe("analyseRolePermissions: per-pattern caches", () => {
  it("gives the same answer for a role however many roles were analysed before it", () => {
    const roles: RolePolicyInput[] = [
      role({ managedPolicies: [BASIC] }),
      role({ managedPolicies: [BASIC, READ_ONLY] }),
      role({ managedPolicies: [POWER_USER] }),
      role({ managedPolicies: [ADMIN] }),
      role({ managedPolicies: [BASIC], inlinePolicies: [inline("app", { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "s3:Get*"], Resource: "*" })] }),
    ];
    const cold = roles.map((input) => analyseRolePermissions(input, catalogue));
    for (let index = 0; index < 50; index += 1) analyseRolePermissions(roles[index % roles.length] as RolePolicyInput, catalogue);
    const warm = roles.map((input) => analyseRolePermissions(input, catalogue));
    expect(warm.map((analysis) => [analysis.isAdmin, analysis.effectiveActionCount])).toEqual(cold.map((analysis) => [analysis.isAdmin, analysis.effectiveActionCount]));
    expect(warm.map((analysis) => analysis.isAdmin)).toEqual([false, false, false, true, false]);
  });
});
