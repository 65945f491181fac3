import { GetRestApisCommand, GetResourcesCommand, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { GetFunctionCommand, GetPolicyCommand, ListEventSourceMappingsCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import functionEsmRetriesUnbounded from "../../checks/function-esm-retries-unbounded.js";
import { AwsUnavailableError, RegionListError } from "../../src/aws/errors.js";
import type { CollectProgressEvent } from "../../src/collect/index.js";
import { ExitCode, exitCodeOfError } from "../../src/cli/errors.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { viewWithoutRoles } from "../support/evaluate.js";
import { snapshotSchema } from "../../src/snapshot/schema.js";
import {
  ACCOUNT,
  OTHER_REGION,
  REGION,
  accessDenied,
  awsError,
  collect,
  configuration,
  functionArn,
  mockFunctionPages,
  regionOf,
  sentOperations,
  useMockedAws,
} from "./helpers.js";

const mocks = useMockedAws();

describe("collectSnapshot", () => {
  it("produces a snapshot the schema accepts, with identity, regions, attempted operations and stats", async () => {
    mockFunctionPages(mocks, [configuration("a"), configuration("b")]);
    const events: CollectProgressEvent[] = [];
    const { snapshot, stats, identity } = await collect({ onProgress: (event) => events.push(event) });
    expect(identity).toEqual({ accountId: ACCOUNT, partition: "aws", callerArn: `arn:aws:iam::${ACCOUNT}:user/scanner` });
    expect(snapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({ accountId: ACCOUNT, partition: "aws", regions: [REGION], collectedAt: "2026-11-01T12:00:00.000Z" });
    expect(snapshot.operationsAttempted).toEqual(expect.arrayContaining(["lambda:ListFunctions", "lambda:GetFunction", "iam:GetRole"]));
    expect(snapshot.operationsAttempted).not.toContain("sts:GetCallerIdentity");
    expect(stats).toMatchObject({ functions: 2, roles: 1, totalGaps: 0, totalThrottles: 0 });
    expect(stats.totalCalls).toBe(Object.values(stats.calls).reduce((sum, count) => sum + count, 0));
    expect(stats.durations.byRegion).toHaveProperty(REGION);
    expect(events[0]).toMatchObject({ kind: "account", accountId: ACCOUNT });
    expect(events.filter((event) => event.kind === "functionCollected")).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ kind: "regionFinished", regionsDone: 1, regionsTotal: 1, functionsCollected: 2 });
  });

  it("fails with exit code 3 and one clear line when the credentials do not work", async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError("CredentialsProviderError", "Could not load credentials from any providers"));
    const error = await collect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(exitCodeOfError(error)).toBe(ExitCode.couldNotScan);
    expect((error as Error).message).toMatch(/cannot identify the AWS account: CredentialsProviderError/);
    expect(sentOperations(mocks)).toEqual(["sts:GetCallerIdentity"]);
  });

  it("fails with exit code 3 when no region can be reached", async () => {
    mocks.lambda.on(ListFunctionsCommand).rejects(awsError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:4566"));
    const error = await collect({ regions: [REGION, OTHER_REGION] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect((error as Error).message).toMatch(/could not list the functions in any requested region \(eu-west-1: ECONNREFUSED, us-east-1: ECONNREFUSED\)/);
  });

  it.each([
    ["denied", awsError("AccessDeniedException", "not authorized", 403)],
    ["answering 500", awsError("ServiceException", "internal", 500)],
  ])("fails with exit code 3 when the function inventory is %s in every region, instead of reporting 0 functions", async (_case, error) => {
    mocks.lambda.on(ListFunctionsCommand).rejects(error);
    const caught = await collect({ regions: [REGION, OTHER_REGION] }).catch((thrown: unknown) => thrown);
    expect(exitCodeOfError(caught)).toBe(ExitCode.couldNotScan);
    expect((caught as Error).message).toMatch(/could not list the functions in any requested region/);
  });

  it("scans the account's enabled regions for --regions all", async () => {
    mocks.ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: OTHER_REGION, OptInStatus: "opt-in-not-required" },
        { RegionName: REGION, OptInStatus: "opt-in-not-required" },
      ],
    });
    const { snapshot } = await collect({ regions: "all" });
    expect(snapshot.regions).toEqual([REGION, OTHER_REGION]);
  });

  it("names the --regions flag when the enabled regions cannot be listed", async () => {
    mocks.ec2.on(DescribeRegionsCommand).rejects(awsError("UnauthorizedOperation", "not authorized", 403));
    const error = await collect({ regions: "all" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegionListError);
    expect(exitCodeOfError(error)).toBe(ExitCode.couldNotScan);
    expect((error as Error).message).toMatch(/--regions/);
  });
});

describe("secret values", () => {
  const CANARY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARY0000";

  it("never let a canary secret from ListFunctions reach the snapshot, stats, gaps, progress or errors", async () => {
    mockFunctionPages(mocks, [
      configuration("leaky", { Environment: { Variables: { AWS_SECRET_ACCESS_KEY: CANARY, STAGE: "prod" } } }),
      configuration("denied", { Environment: { Variables: { DB_PASSWORD: CANARY } } }),
    ]);
    // GetFunction returns the environment again: it must be ignored there too.
    mocks.lambda.on(GetFunctionCommand).callsFake((input: { FunctionName: string }) => ({
      Configuration: { FunctionArn: input.FunctionName, Environment: { Variables: { AWS_SECRET_ACCESS_KEY: CANARY } } },
      Tags: {},
    }));
    mocks.lambda.on(GetPolicyCommand, { FunctionName: functionArn("denied") }).rejects(accessDenied());
    mocks.apigateway.on(GetRestApisCommand).resolves({ items: [{ id: "a1", name: "api" }] });
    mocks.apigateway.on(GetResourcesCommand).resolves({ items: [] });
    mocks.apigateway.on(GetStagesCommand).resolves({ item: [{ stageName: "prod", variables: { token: CANARY } }] });
    const events: CollectProgressEvent[] = [];
    const { snapshot, stats } = await collect({ onProgress: (event) => events.push(event) });

    const leaky = snapshot.functions.find((fn) => fn.name === "leaky");
    expect(leaky?.environment).toEqual([
      { key: "AWS_SECRET_ACCESS_KEY", valueLength: CANARY.length, secretKinds: ["aws-secret-access-key"], isReference: false },
      { key: "STAGE", valueLength: 4, secretKinds: [], isReference: false },
    ]);
    expect(snapshot.gaps.length).toBeGreaterThan(0);
    for (const text of [JSON.stringify(snapshot), JSON.stringify(stats), JSON.stringify(snapshot.gaps), JSON.stringify(events)]) {
      expect(text).not.toContain("CANARY");
      expect(text).not.toContain(CANARY.slice(0, 20));
    }
  });

  it("leaves out a value outside the schema instead of failing the snapshot", async () => {
    mocks.lambda.on(ListFunctionsCommand).resolves({
      Functions: [configuration("odd", { Environment: { Variables: { TOKEN: CANARY } }, LastModified: "not a date", MemorySize: 0 })],
    });
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("lastModified");
    expect(snapshot.functions[0]).not.toHaveProperty("memorySize");
    expect(JSON.stringify(snapshot)).not.toContain("CANARY");
  });
});

describe("the snapshot's region-read lists (three states)", () => {
  const LISTS = ["eventSourceMappings", "restApis", "httpApis", "logGroups", "securityGroups", "subnets", "layerVersions"] as const;

  it("leaves out every list whose read no selected check needed", async () => {
    mockFunctionPages(mocks, [configuration("a", { VpcConfig: { VpcId: "vpc-1", SubnetIds: ["subnet-a"], SecurityGroupIds: ["sg-1"] } })]);
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    for (const list of LISTS) expect(snapshot, list).not.toHaveProperty(list);
    expect(snapshotSchema.parse(snapshot)).toEqual(snapshot);
  });

  it("gives [] for a list that was read and is empty", async () => {
    mockFunctionPages(mocks, [configuration("a", { VpcConfig: { VpcId: "vpc-1", SubnetIds: ["subnet-a"], SecurityGroupIds: ["sg-1"] } })]);
    const { snapshot } = await collect();
    for (const list of LISTS) expect(snapshot[list], list).toEqual([]);
    expect(snapshot.gaps).toEqual([]);
  });

  it("leaves a list out when its read failed in every region, each region keeping its gap", async () => {
    mockFunctionPages(mocks, [configuration("consumer")]);
    mocks.lambda.on(ListEventSourceMappingsCommand).rejects(accessDenied());
    mocks.apigateway.on(GetRestApisCommand).rejects(accessDenied());
    const { snapshot } = await collect({ regions: [REGION, OTHER_REGION] });
    expect(snapshot).not.toHaveProperty("eventSourceMappings");
    expect(snapshot).not.toHaveProperty("restApis");
    expect(snapshot.httpApis).toEqual([]);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.region, gap.resourceArn])).toEqual([
      ["GetRestApis", REGION, undefined],
      ["ListEventSourceMappings", REGION, undefined],
      ["GetRestApis", OTHER_REGION, undefined],
      ["ListEventSourceMappings", OTHER_REGION, undefined],
    ]);
  });

  it("keeps what the other regions read when one region fails, and that region's gap turns its functions' checks unknown", async () => {
    mocks.lambda.on(ListFunctionsCommand).callsFake(async (_input, getClient) => ({
      Functions: [configuration("consumer", {}, await regionOf(getClient))],
    }));
    mocks.lambda.on(ListEventSourceMappingsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      if (region === REGION) throw accessDenied();
      return {
        EventSourceMappings: [
          {
            UUID: "east-stream",
            FunctionArn: functionArn("consumer", OTHER_REGION),
            EventSourceArn: `arn:aws:kinesis:${OTHER_REGION}:${ACCOUNT}:stream/s`,
            MaximumRetryAttempts: -1,
          },
        ],
      };
    });
    const { snapshot } = await collect({ regions: [REGION, OTHER_REGION] });
    expect(snapshot.eventSourceMappings?.map((mapping) => [mapping.uuid, mapping.region])).toEqual([["east-stream", OTHER_REGION]]);
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "ListEventSourceMappings", region: REGION })]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [functionEsmRetriesUnbounded]);
    const statusIn = (region: string) => evaluations.find((e) => e.resource.arn === functionArn("consumer", region))?.result.status;
    expect(statusIn(REGION)).toBe("unknown");
    expect(statusIn(OTHER_REGION)).toBe("fail");
  });
});
