import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { ACCOUNT, awsError, collect, configuration, countSent, iamAccessDenied, mockFunctionPages, roleArn, type Mocks, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();

const SHARED_POLICY = `arn:aws:iam::${ACCOUNT}:policy/shared-logging`;
const AWS_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const document = (action: string) =>
  encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] }));

function mockPolicies(mocks: Mocks): void {
  mocks.iam.on(GetPolicyCommand).callsFake((input: { PolicyArn: string }) => ({
    Policy: { Arn: input.PolicyArn, PolicyName: input.PolicyArn.split("/").pop(), DefaultVersionId: "v2" },
  }));
  mocks.iam.on(GetPolicyVersionCommand).resolves({ PolicyVersion: { Document: document("logs:*"), VersionId: "v2", IsDefaultVersion: true } });
}

describe("collectIam", () => {
  it("reads a role shared by many functions once, and a managed policy shared by roles once", async () => {
    const configurations = Array.from({ length: 60 }, (_, index) =>
      configuration(`fn-${index}`, { Role: roleArn(index % 2 === 0 ? "role-even" : "role-odd") }),
    );
    mockFunctionPages(mocks, configurations);
    mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({
      AttachedPolicies: [
        { PolicyArn: SHARED_POLICY, PolicyName: "shared-logging" },
        { PolicyArn: AWS_POLICY, PolicyName: "AWSLambdaBasicExecutionRole" },
      ],
      IsTruncated: false,
    });
    mockPolicies(mocks);
    const { snapshot, stats } = await collect();
    expect(countSent(mocks, "iam:GetRole")).toBe(2);
    expect(countSent(mocks, "iam:ListAttachedRolePolicies")).toBe(2);
    expect(countSent(mocks, "iam:ListRolePolicies")).toBe(2);
    expect(countSent(mocks, "iam:GetPolicy")).toBe(2);
    expect(countSent(mocks, "iam:GetPolicyVersion")).toBe(2);
    expect(stats.calls["iam:GetRole"]).toBe(2);
    expect(snapshot.roles.map((role) => role.arn)).toEqual([roleArn("role-even"), roleArn("role-odd")]);
    expect(snapshot.roles[0]).toMatchObject({
      attachedPolicyArns: [SHARED_POLICY, AWS_POLICY],
      inlinePolicies: [],
      permissionsBoundaryArn: null,
      lastUsed: null,
      // URL-encoded by IAM, decoded and parsed by the collector.
      trustPolicy: { Version: "2012-10-17", Statement: [expect.objectContaining({ Action: "sts:AssumeRole" })] },
    });
    expect(snapshot.managedPolicies).toEqual([
      { arn: SHARED_POLICY, name: "shared-logging", awsManaged: false, defaultVersionId: "v2", document: expect.any(Object) },
      { arn: AWS_POLICY, name: "AWSLambdaBasicExecutionRole", awsManaged: true, defaultVersionId: "v2", document: expect.any(Object) },
    ]);
    expect(snapshot.managedPolicies[0]?.document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }],
    });
  });

  it("keeps attached policies of earlier pages when a later page is denied", async () => {
    mockFunctionPages(mocks, [configuration("fn")]);
    mocks.iam
      .on(ListAttachedRolePoliciesCommand)
      .resolvesOnce({ AttachedPolicies: [{ PolicyArn: SHARED_POLICY }], IsTruncated: true, Marker: "m2" })
      .rejectsOnce(iamAccessDenied());
    mockPolicies(mocks);
    const { snapshot } = await collect();
    expect(snapshot.roles[0]?.attachedPolicyArns).toEqual([SHARED_POLICY]);
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({
        service: "iam",
        operation: "ListAttachedRolePolicies",
        region: "global",
        resourceArn: roleArn("shared-role"),
        errorCode: "AccessDenied",
        partial: true,
      }),
    ]);
  });

  it("reads inline policies, and leaves a denied inline document absent with a gap", async () => {
    mockFunctionPages(mocks, [configuration("fn")]);
    mocks.iam
      .on(ListRolePoliciesCommand)
      .resolvesOnce({ PolicyNames: ["readable"], IsTruncated: true, Marker: "m2" })
      .resolvesOnce({ PolicyNames: ["secret"], IsTruncated: false });
    mocks.iam.on(GetRolePolicyCommand, { PolicyName: "readable" }).resolves({
      RoleName: "shared-role",
      PolicyName: "readable",
      PolicyDocument: document("s3:GetObject"),
    });
    mocks.iam.on(GetRolePolicyCommand, { PolicyName: "secret" }).rejects(iamAccessDenied());
    const { snapshot } = await collect();
    expect(snapshot.roles[0]?.inlinePolicies).toEqual([
      { name: "readable", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } },
      { name: "secret" },
    ]);
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "GetRolePolicy", errorCode: "AccessDenied" })]);
  });

  it("reads the permissions boundary as a managed policy", async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
    mockFunctionPages(mocks, [configuration("fn")]);
    mocks.iam.on(GetRoleCommand).resolves({
      Role: {
        Arn: roleArn("shared-role"),
        RoleName: "shared-role",
        Path: "/",
        RoleId: "AROA",
        CreateDate: new Date("2025-01-01T00:00:00Z"),
        AssumeRolePolicyDocument: document("sts:AssumeRole"),
        PermissionsBoundary: { PermissionsBoundaryArn: boundary, PermissionsBoundaryType: "PermissionsBoundaryPolicy" },
        RoleLastUsed: { LastUsedDate: new Date("2026-10-30T00:00:00Z"), Region: "eu-west-1" },
      },
    });
    mockPolicies(mocks);
    const { snapshot } = await collect();
    expect(snapshot.roles[0]).toMatchObject({
      permissionsBoundaryArn: boundary,
      lastUsed: { date: "2026-10-30T00:00:00.000Z", region: "eu-west-1" },
    });
    expect(snapshot.managedPolicies.map((policy) => policy.arn)).toEqual([boundary]);
  });

  it("records a denied or deleted role as a gap and no role", async () => {
    mockFunctionPages(mocks, [
      configuration("denied", { Role: roleArn("denied-role") }),
      configuration("deleted", { Role: roleArn("deleted-role") }),
    ]);
    mocks.iam.on(GetRoleCommand, { RoleName: "denied-role" }).rejects(iamAccessDenied());
    mocks.iam.on(GetRoleCommand, { RoleName: "deleted-role" }).rejects(awsError("NoSuchEntity", "The role cannot be found.", 404));
    const { snapshot } = await collect();
    expect(snapshot.roles).toEqual([]);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.resourceArn, gap.errorCode])).toEqual([
      ["GetRole", roleArn("deleted-role"), "NoSuchEntity"],
      ["GetRole", roleArn("denied-role"), "AccessDenied"],
    ]);
  });

  it("keeps a managed policy whose document is denied, without the document", async () => {
    mockFunctionPages(mocks, [configuration("fn")]);
    mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyArn: SHARED_POLICY }], IsTruncated: false });
    mocks.iam.on(GetPolicyCommand).resolves({ Policy: { Arn: SHARED_POLICY, PolicyName: "shared-logging", DefaultVersionId: "v1" } });
    mocks.iam.on(GetPolicyVersionCommand).rejects(iamAccessDenied());
    const { snapshot } = await collect();
    expect(snapshot.managedPolicies).toEqual([
      { arn: SHARED_POLICY, name: "shared-logging", awsManaged: false, defaultVersionId: "v1" },
    ]);
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "GetPolicyVersion", resourceArn: SHARED_POLICY })]);
  });

  it("records a gap, not silence, when GetRole answers without the role's ARN or a managed policy without its default version", async () => {
    mockFunctionPages(mocks, [configuration("fn", { Role: roleArn("odd-role") }), configuration("other", { Role: roleArn("plain-role") })]);
    mocks.iam.on(GetRoleCommand, { RoleName: "odd-role" }).resolves({ Role: { RoleName: "odd-role" } as never });
    mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyArn: SHARED_POLICY }], IsTruncated: false });
    mocks.iam.on(GetPolicyCommand).resolves({ Policy: { Arn: SHARED_POLICY, PolicyName: "shared-logging" } });
    const { snapshot } = await collect();
    expect(snapshot.roles.map((role) => role.arn)).toEqual([roleArn("plain-role")]);
    expect(snapshot.managedPolicies).toEqual([{ arn: SHARED_POLICY, name: "shared-logging", awsManaged: false }]);
    expect(countSent(mocks, "iam:GetPolicyVersion")).toBe(0);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.resourceArn, gap.errorCode, gap.message])).toEqual([
      ["GetPolicy", SHARED_POLICY, "UnexpectedResponse", "GetPolicy returned no DefaultVersionId"],
      ["GetRole", roleArn("odd-role"), "UnexpectedResponse", "GetRole returned no Role"],
    ]);
  });

  it("does not ask IAM about a function role ARN that names no role, and says so", async () => {
    const notARole = `arn:aws:iam::${ACCOUNT}:user/someone`;
    mockFunctionPages(mocks, [configuration("fn", { Role: notARole })]);
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("role");
    expect(countSent(mocks, "iam:GetRole")).toBe(0);
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ service: "lambda", operation: "ListFunctions", errorCode: "UnexpectedResponse", message: "ListFunctions returned an unexpected Role" }),
    ]);
  });
});
