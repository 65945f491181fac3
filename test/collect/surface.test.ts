import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { GetDetectorCommand, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { BatchGetAccountStatusCommand } from "@aws-sdk/client-inspector2";
import {
  GetCapacityProviderCommand,
  GetCodeSigningConfigCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionCommand,
  GetFunctionRecursionConfigCommand,
  ListCapacityProvidersCommand,
  ListCodeSigningConfigsCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { ACCOUNT, REGION, accessDenied, awsError, collect, configuration, countSent, functionArn, mockFunctionPages, roleArn, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();
const providerArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:capacity-provider:${name}`;
const provider = (name: string, kmsKeyArn?: string) => ({
  CapacityProviderArn: providerArn(name),
  State: "Active" as const,
  VpcConfig: { SubnetIds: ["subnet-1", "subnet-2"], SecurityGroupIds: ["sg-1"] },
  PermissionsConfig: { CapacityProviderOperatorRoleArn: roleArn(`${name}-operator`) },
  ...(kmsKeyArn ? { KmsKeyArn: kmsKeyArn } : {}),
});
const onProvider = (name: string) => ({ CapacityProviderConfig: { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: providerArn(name) } } });

describe("issue 13: the function's own configuration", () => {
  it("reads capacity provider, durable, SnapStart and the package key, and none where the answer has none", async () => {
    mockFunctionPages(mocks, [
      configuration("managed", {
        ...onProvider("listed"),
        DurableConfig: { RetentionPeriodInDays: 60, ExecutionTimeout: 3600 },
        SnapStart: { ApplyOn: "PublishedVersions", OptimizationStatus: "On" },
      }),
      configuration("plain"),
    ]);
    mocks.lambda.on(GetFunctionCommand, { FunctionName: functionArn("managed") }).resolves({ Configuration: {}, Code: { RepositoryType: "S3", SourceKMSKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/code" } });
    mocks.lambda.on(ListCapacityProvidersCommand).resolves({ CapacityProviders: [provider("listed")] });
    const { snapshot } = await collect();
    const managed = snapshot.functions.find((fn) => fn.name === "managed");
    expect(managed).toMatchObject({
      capacityProviderConfig: { capacityProviderArn: providerArn("listed") },
      durableConfig: { retentionPeriodInDays: 60, executionTimeout: 3600, kmsKeyArn: null },
      snapStart: { applyOn: "PublishedVersions", optimizationStatus: "On" },
      sourceKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/code",
      recursiveLoop: "Terminate",
    });
    expect(snapshot.functions.find((fn) => fn.name === "plain")).toMatchObject({ capacityProviderConfig: null, durableConfig: null, snapStart: null, sourceKmsKeyArn: null });
  });

  it("stores AWS's logging defaults, marked as assumed, when the answer has no LoggingConfig", async () => {
    mockFunctionPages(mocks, [configuration("no-logging"), configuration("json", { LoggingConfig: { LogFormat: "JSON", LogGroup: "/custom/json", ApplicationLogLevel: "DEBUG" } })]);
    const { snapshot } = await collect();
    expect(snapshot.functions.find((fn) => fn.name === "no-logging")?.loggingConfig).toEqual({ logGroup: "/aws/lambda/no-logging", logFormat: "Text", defaultsAssumed: true });
    expect(snapshot.functions.find((fn) => fn.name === "json")?.loggingConfig).toEqual({ logGroup: "/custom/json", logFormat: "JSON", applicationLogLevel: "DEBUG" });
  });

  it("reads recursive loop detection per function only when a selected check needs it", async () => {
    mockFunctionPages(mocks, [configuration("loops"), configuration("stops")]);
    mocks.lambda.on(GetFunctionRecursionConfigCommand, { FunctionName: functionArn("loops") }).resolves({ RecursiveLoop: "Allow" });
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetFunctionRecursionConfig"]) });
    expect(snapshot.functions.map((fn) => [fn.name, fn.recursiveLoop])).toEqual([["loops", "Allow"], ["stops", "Terminate"]]);
    expect(countSent(mocks, "lambda:GetFunctionRecursionConfig")).toBe(2);

    mocks.lambda.resetHistory();
    const skipped = await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    expect(countSent(mocks, "lambda:GetFunctionRecursionConfig")).toBe(0);
    expect(skipped.snapshot.functions.every((fn) => fn.recursiveLoop === undefined)).toBe(true);
  });

  it("leaves recursion absent with a gap when the read is denied", async () => {
    mockFunctionPages(mocks, [configuration("denied")]);
    mocks.lambda.on(GetFunctionRecursionConfigCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    expect(snapshot.functions[0]?.recursiveLoop).toBeUndefined();
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "GetFunctionRecursionConfig", resourceArn: functionArn("denied"), errorCode: "AccessDeniedException" })]);
  });
});

describe("issue 13: capacity providers", () => {
  it("lists the region's providers once, reads a named one the listing missed, and their operator roles", async () => {
    mockFunctionPages(mocks, [configuration("a", onProvider("listed")), configuration("b", onProvider("unlisted")), configuration("c")]);
    mocks.lambda.on(ListCapacityProvidersCommand).resolves({ CapacityProviders: [provider("listed", "arn:aws:kms:eu-west-1:111122223333:key/p")] });
    mocks.lambda.on(GetCapacityProviderCommand).resolves({ CapacityProvider: provider("unlisted") });
    const { snapshot } = await collect();
    expect(countSent(mocks, "lambda:ListCapacityProviders")).toBe(1);
    expect(mocks.lambda.commandCalls(GetCapacityProviderCommand).map((call) => call.args[0].input)).toEqual([{ CapacityProviderName: providerArn("unlisted") }]);
    expect(snapshot.capacityProviders).toEqual([
      { arn: providerArn("listed"), name: "listed", region: REGION, state: "Active", vpc: { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] }, kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/p", operatorRoleArn: roleArn("listed-operator") },
      expect.objectContaining({ arn: providerArn("unlisted"), kmsKeyArn: null }),
    ]);
    const roles = mocks.iam.commandCalls(GetRoleCommand).map((call) => call.args[0].input.RoleName);
    expect(roles).toEqual(expect.arrayContaining(["listed-operator", "unlisted-operator"]));
    // The providers' subnets and security groups are read with the functions'.
    expect(countSent(mocks, "ec2:DescribeSubnets")).toBe(1);
    expect(countSent(mocks, "ec2:DescribeSecurityGroups")).toBe(1);
  });

  it("records a gap on the provider, not the region, when it cannot be read either way", async () => {
    mockFunctionPages(mocks, [configuration("a", onProvider("hidden"))]);
    mocks.lambda.on(ListCapacityProvidersCommand).rejects(accessDenied());
    mocks.lambda.on(GetCapacityProviderCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    expect(snapshot.capacityProviders).toEqual([]);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.resourceArn ?? null])).toEqual([
      ["GetCapacityProvider", providerArn("hidden")],
      ["ListCapacityProviders", null],
    ]);
  });

  it("notes, instead of a gap, a listing the endpoint does not offer, and reads the named providers one by one", async () => {
    mockFunctionPages(mocks, [configuration("a", onProvider("only"))]);
    mocks.lambda.on(ListCapacityProvidersCommand).rejects(awsError("InternalFailure", "API action 'ListCapacityProviders' for service 'lambda' not yet implemented", 501));
    mocks.lambda.on(GetCapacityProviderCommand).resolves({ CapacityProvider: provider("only") });
    const { snapshot } = await collect();
    expect(snapshot.gaps).toEqual([]);
    expect(snapshot.notes).toEqual([expect.objectContaining({ service: "lambda", operation: "ListCapacityProviders", region: REGION })]);
    expect(snapshot.capacityProviders?.map((entry) => entry.name)).toEqual(["only"]);
  });
});

describe("issue 13: code signing where the region's listing is not available", () => {
  it("falls back to one read per function and one per config, with a note and no gap (LocalStack's 501)", async () => {
    mockFunctionPages(mocks, [configuration("signed"), configuration("plain"), configuration("image", { PackageType: "Image", Runtime: undefined })]);
    mocks.lambda.on(ListCodeSigningConfigsCommand).rejects(awsError("InternalFailure", "API action 'ListCodeSigningConfigs' for service 'lambda' not yet implemented", 501));
    const csc = `arn:aws:lambda:${REGION}:${ACCOUNT}:code-signing-config:csc-0123456789abcdef0`;
    mocks.lambda.on(GetFunctionCodeSigningConfigCommand).resolves({ CodeSigningConfigArn: "", FunctionName: "plain" });
    mocks.lambda.on(GetFunctionCodeSigningConfigCommand, { FunctionName: functionArn("signed") }).resolves({ CodeSigningConfigArn: csc, FunctionName: "signed" });
    mocks.lambda.on(GetCodeSigningConfigCommand).resolves({ CodeSigningConfig: { CodeSigningConfigArn: csc, CodeSigningConfigId: "csc-0123456789abcdef0", AllowedPublishers: { SigningProfileVersionArns: ["arn:aws:signer:eu-west-1:111122223333:/signing-profiles/p/1"] }, CodeSigningPolicies: { UntrustedArtifactOnDeployment: "Warn" }, LastModified: "2026-01-01" } });
    const { snapshot } = await collect();
    expect(snapshot.gaps).toEqual([]);
    expect(snapshot.notes).toEqual([expect.objectContaining({ operation: "ListCodeSigningConfigs", message: expect.stringContaining("HTTP 501") })]);
    expect(countSent(mocks, "lambda:GetFunctionCodeSigningConfig")).toBe(2);
    expect(countSent(mocks, "lambda:GetCodeSigningConfig")).toBe(1);
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn.codeSigningConfig]));
    expect(byName).toEqual({
      signed: { arn: csc, untrustedArtifactOnDeployment: "Warn", allowedPublisherArns: ["arn:aws:signer:eu-west-1:111122223333:/signing-profiles/p/1"] },
      plain: null,
      image: undefined,
    });
  });

  it("takes an HTML 404 page for the listing as 'not available' too", async () => {
    mockFunctionPages(mocks, [configuration("plain")]);
    mocks.lambda.on(ListCodeSigningConfigsCommand).rejects(Object.assign(new SyntaxError("Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"), { $metadata: { httpStatusCode: 404 }, $response: {} }));
    mocks.lambda.on(GetFunctionCodeSigningConfigCommand).resolves({ CodeSigningConfigArn: "", FunctionName: "plain" });
    const { snapshot } = await collect();
    expect(snapshot.gaps).toEqual([]);
    expect(snapshot.notes?.[0]?.message).toMatch(/UnparseableResponse, HTTP 404/);
    expect(snapshot.functions[0]?.codeSigningConfig).toBeNull();
  });

  it("keeps access denied a gap, with no fallback", async () => {
    mockFunctionPages(mocks, [configuration("plain")]);
    mocks.lambda.on(ListCodeSigningConfigsCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    expect(countSent(mocks, "lambda:GetFunctionCodeSigningConfig")).toBe(0);
    expect(snapshot.notes).toBeUndefined();
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "ListCodeSigningConfigs", errorCode: "AccessDeniedException" })]);
    expect(snapshot.functions[0]?.codeSigningConfig).toBeUndefined();
  });
});

describe("issue 13: detective coverage per region", () => {
  const trailArn = "arn:aws:cloudtrail:us-east-1:999999999999:trail/org";
  it("reads the region's trails by ARN (selectors and status), the GuardDuty detector's Lambda Protection and Inspector's Lambda scanning", async () => {
    mocks.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: "org", TrailARN: trailArn, HomeRegion: "us-east-1", IsMultiRegionTrail: true, IsOrganizationTrail: true }] });
    mocks.cloudtrail.on(GetEventSelectorsCommand).resolves({
      TrailARN: trailArn,
      AdvancedEventSelectors: [{ Name: "lambda", FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::Lambda::Function"] }] }],
    });
    mocks.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    mocks.guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: ["det1"] });
    mocks.guardduty.on(GetDetectorCommand).resolves({ ServiceRole: "r", Status: "ENABLED", Features: [{ Name: "LAMBDA_NETWORK_LOGS", Status: "DISABLED" }] });
    mocks.inspector2.on(BatchGetAccountStatusCommand).resolves({
      accounts: [{ accountId: ACCOUNT, state: { status: "ENABLED", errorCode: undefined, errorMessage: undefined }, resourceState: { ec2: undefined, ecr: undefined, lambda: { status: "ENABLED", errorCode: undefined, errorMessage: undefined } } }],
    });
    const { snapshot } = await collect();
    expect(mocks.cloudtrail.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({ includeShadowTrails: true });
    expect(mocks.cloudtrail.commandCalls(GetEventSelectorsCommand)[0]?.args[0].input).toEqual({ TrailName: trailArn });
    expect(mocks.inspector2.commandCalls(BatchGetAccountStatusCommand)[0]?.args[0].input).toEqual({ accountIds: [ACCOUNT] });
    expect(snapshot.detectiveCoverage).toEqual([
      {
        region: REGION,
        trails: [
          {
            arn: trailArn,
            name: "org",
            homeRegion: "us-east-1",
            isMultiRegionTrail: true,
            isOrganizationTrail: true,
            isLogging: true,
            eventSelectors: { basic: [], advanced: [{ name: "lambda", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::Lambda::Function"] }] }] },
          },
        ],
        guardDutyDetectors: [{ id: "det1", status: "ENABLED", lambdaProtection: "DISABLED" }],
        inspector: { status: "ENABLED", lambda: "ENABLED", lambdaCode: null },
      },
    ]);
  });

  it("records an empty account as none, and failures as gaps with the part absent", async () => {
    const empty = await collect();
    expect(empty.snapshot.detectiveCoverage).toEqual([{ region: REGION, trails: [], guardDutyDetectors: [], inspector: { status: "DISABLED", lambda: null, lambdaCode: null } }]);

    mocks.cloudtrail.on(DescribeTrailsCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    mocks.guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: ["det1"] });
    mocks.guardduty.on(GetDetectorCommand).rejects(accessDenied());
    mocks.inspector2.on(BatchGetAccountStatusCommand).resolves({ accounts: [], failedAccounts: [{ accountId: ACCOUNT, errorCode: "ACCESS_DENIED", errorMessage: "x" }] });
    const { snapshot } = await collect();
    expect(snapshot.detectiveCoverage).toEqual([{ region: REGION }]);
    expect(snapshot.gaps.map((gap) => `${gap.service}:${gap.operation}:${gap.errorCode}`).sort()).toEqual([
      "cloudtrail:DescribeTrails:AccessDeniedException",
      "guardduty:GetDetector:AccessDeniedException",
      "inspector2:BatchGetAccountStatus:ACCESS_DENIED",
    ]);
  });

  it("makes no detective read when no selected check needs one", async () => {
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    expect(countSent(mocks, "cloudtrail:DescribeTrails") + countSent(mocks, "guardduty:ListDetectors") + countSent(mocks, "inspector2:BatchGetAccountStatus")).toBe(0);
    expect(snapshot.detectiveCoverage).toBeUndefined();
  });
});
