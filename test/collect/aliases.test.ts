import { GetPolicyCommand, ListAliasesCommand, ListFunctionUrlConfigsCommand } from "@aws-sdk/client-lambda";
import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import { accessDenied, awsError, collect, configuration, countSent, functionArn, mockFunctionPages, notFound, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();
const fn = functionArn("api");
const policy = (resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: resource }] });

describe("aliases and the versions they point to", () => {
  it("reads each alias's policy and URL, and each version's policy, by qualifier", async () => {
    mockFunctionPages(mocks, [configuration("api")]);
    mocks.lambda.on(ListAliasesCommand).resolves({
      Aliases: [
        { Name: "live", AliasArn: `${fn}:live`, FunctionVersion: "3", RoutingConfig: { AdditionalVersionWeights: { "4": 0.1 } } },
        { Name: "beta", AliasArn: `${fn}:beta`, FunctionVersion: "4" },
      ],
    });
    mocks.lambda.on(GetPolicyCommand).callsFake((input: { Qualifier?: string }) => {
      if (input.Qualifier === "live") return { Policy: policy(`${fn}:live`) };
      if (input.Qualifier === "3") return { Policy: policy(`${fn}:3`) };
      throw notFound();
    });
    mocks.lambda.on(ListFunctionUrlConfigsCommand).resolves({
      FunctionUrlConfigs: [
        { FunctionArn: fn, FunctionUrl: "https://a.lambda-url.eu-west-1.on.aws/", AuthType: "AWS_IAM", CreationTime: "2024-05-01T00:00:00.000Z", LastModifiedTime: "", Cors: undefined },
        { FunctionArn: `${fn}:live`, FunctionUrl: "https://b.lambda-url.eu-west-1.on.aws/", AuthType: "NONE", CreationTime: "2025-12-01T10:00:00.000Z", LastModifiedTime: "" },
      ],
    });
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:ListAliases"]) });
    const [collected] = snapshot.functions;
    expect(collected?.aliases).toEqual([
      { name: "live", arn: `${fn}:live`, functionVersion: "3", additionalVersions: ["4"], resourcePolicy: JSON.parse(policy(`${fn}:live`)), url: { authType: "NONE", url: "https://b.lambda-url.eu-west-1.on.aws/", creationTime: "2025-12-01T10:00:00.000Z", cors: null } },
      { name: "beta", arn: `${fn}:beta`, functionVersion: "4", additionalVersions: [], resourcePolicy: null, url: null },
    ]);
    expect(collected?.versions).toEqual([
      { version: "3", arn: `${fn}:3`, resourcePolicy: JSON.parse(policy(`${fn}:3`)) },
      { version: "4", arn: `${fn}:4`, resourcePolicy: null },
    ]);
    // One URL listing for every alias, not one read per alias.
    expect(countSent(mocks, "lambda:ListFunctionUrlConfigs")).toBe(1);
    expect(snapshot.gaps).toEqual([]);
  });

  it("a function without aliases costs one ListAliases, nothing more", async () => {
    mockFunctionPages(mocks, [configuration("api")]);
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:ListAliases"]) });
    expect(snapshot.functions[0]?.aliases).toEqual([]);
    expect(snapshot.functions[0]?.versions).toEqual([]);
    expect(countSent(mocks, "lambda:ListAliases")).toBe(1);
    expect(countSent(mocks, "lambda:ListFunctionUrlConfigs")).toBe(0);
  });

  it("leaves aliases absent when they cannot be listed, and an alias's policy absent when its read is denied, each with a gap", async () => {
    mockFunctionPages(mocks, [configuration("api"), configuration("other")]);
    mocks.lambda.on(ListAliasesCommand).callsFake((input: { FunctionName: string }) => {
      if (input.FunctionName === functionArn("other")) throw accessDenied();
      return { Aliases: [{ Name: "live", AliasArn: `${fn}:live`, FunctionVersion: "$LATEST" }] };
    });
    mocks.lambda.on(GetPolicyCommand).rejects(accessDenied());
    mocks.lambda.on(ListFunctionUrlConfigsCommand).rejects(accessDenied());
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:ListAliases"]) });
    const [api, other] = snapshot.functions;
    expect(other).not.toHaveProperty("aliases");
    expect(api?.aliases?.[0]).toEqual({ name: "live", arn: `${fn}:live`, functionVersion: "$LATEST", additionalVersions: [] });
    // $LATEST is the function itself, not a published version.
    expect(api?.versions).toEqual([]);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.resourceArn])).toEqual(
      expect.arrayContaining([
        ["ListAliases", functionArn("other")],
        ["GetPolicy", `${fn}:live`],
        ["ListFunctionUrlConfigs", fn],
      ]),
    );
  });
});

describe("the account's organisation", () => {
  it("is read once, with its id and management account", async () => {
    mocks.organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-a1b2c3d4e5", Arn: "arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5", MasterAccountId: "999999999999" } });
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    expect(snapshot.organization).toEqual({ id: "o-a1b2c3d4e5", arn: "arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5", managementAccountId: "999999999999" });
    expect(countSent(mocks, "organizations:DescribeOrganization")).toBe(1);
  });

  it("is null when the account is in no organisation, absent with a gap when it cannot be read", async () => {
    expect((await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) })).snapshot.organization).toBeNull();
    mocks.organizations.on(DescribeOrganizationCommand).rejects(awsError("AccessDeniedException", "not authorized", 400));
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    expect(snapshot).not.toHaveProperty("organization");
    expect(snapshot.gaps).toEqual([expect.objectContaining({ service: "organizations", operation: "DescribeOrganization", region: "global", errorCode: "AccessDeniedException" })]);
  });
});
