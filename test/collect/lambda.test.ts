import {
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsByCodeSigningConfigCommand,
  ListFunctionsCommand,
  ListTagsCommand,
} from "@aws-sdk/client-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import functionCodeSigningDisabled from "../../checks/function-code-signing-disabled.js";
import functionPolicyPublicInvoke from "../../checks/function-policy-public-invoke.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { viewWithoutRoles } from "../support/evaluate.js";
import {
  ACCOUNT,
  OTHER_REGION,
  REGION,
  accessDenied,
  collect,
  configuration,
  countSent,
  functionArn,
  isolateFromAws,
  mockAws,
  mockFunctionPages,
  notAllowed,
  notFound,
  regionOf,
  restoreAws,
  sentOperations,
  throttled,
  type Mocks,
} from "./helpers.js";

let mocks: Mocks;
beforeEach(() => {
  isolateFromAws();
  mocks = mockAws();
});
afterEach(() => {
  // Whatever a test did, every command that reached a client was an allowed read.
  expect(notAllowed(mocks)).toEqual([]);
  restoreAws(mocks);
});

const policy = (principal: unknown) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "s", Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction", Resource: "*" }],
  });

describe("collectLambda", () => {
  it("reads every page of ListFunctions (50 a page) and works on each function", async () => {
    const configurations = Array.from({ length: 120 }, (_, index) => configuration(`fn-${String(index).padStart(3, "0")}`));
    mockFunctionPages(mocks, configurations);
    const { snapshot, stats } = await collect();
    expect(snapshot.functions).toHaveLength(120);
    expect(countSent(mocks, "lambda:ListFunctions")).toBe(3);
    for (const call of mocks.lambda.commandCalls(ListFunctionsCommand)) expect(call.args[0].input.MaxItems).toBe(50);
    expect(stats.calls["lambda:ListFunctions"]).toBe(3);
    expect(stats.calls["lambda:GetFunction"]).toBe(120);
    expect(snapshot.gaps).toEqual([]);
    const fn = snapshot.functions[0];
    expect(fn).toMatchObject({
      arn: functionArn("fn-000"),
      runtime: "nodejs22.x",
      packageType: "Zip",
      tags: { team: "a" },
      reservedConcurrency: 5,
      resourcePolicy: null,
      url: null,
      eventInvokeConfig: null,
      codeSigningConfig: null,
      runtimeManagement: { updateRuntimeOn: "Auto", runtimeVersionArn: null },
      environment: null,
      vpc: null,
      deadLetterTargetArn: null,
    });
    // ListEventSourceMappings is a per-region read, not a per-function one.
    expect(countSent(mocks, "lambda:ListEventSourceMappings")).toBe(1);
  });

  it("keeps the pages read before an access denied on a later page, with one partial gap", async () => {
    mocks.lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [configuration("a"), configuration("b")], NextMarker: "page-2" })
      .rejectsOnce(accessDenied());
    const { snapshot } = await collect();
    expect(snapshot.functions.map((fn) => fn.name)).toEqual(["a", "b"]);
    const gaps = snapshot.gaps.filter((gap) => gap.operation === "ListFunctions");
    expect(gaps).toEqual([
      expect.objectContaining({ service: "lambda", region: REGION, errorCode: "AccessDeniedException", partial: true }),
    ]);
    expect(gaps[0]?.resourceArn).toBeUndefined();
  });

  it("leaves a denied per-function field absent with a gap, and the checks that need it say unknown", async () => {
    mockFunctionPages(mocks, [configuration("denied"), configuration("open"), configuration("none")]);
    mocks.lambda.on(GetPolicyCommand, { FunctionName: functionArn("denied") }).rejects(accessDenied());
    mocks.lambda.on(GetPolicyCommand, { FunctionName: functionArn("open") }).resolves({ Policy: policy("*") });
    const { snapshot } = await collect();
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn]));
    expect(byName.denied).not.toHaveProperty("resourcePolicy");
    expect(byName.open?.resourcePolicy).toMatchObject({ Version: "2012-10-17" });
    expect(byName.none?.resourcePolicy).toBeNull();
    expect(snapshot.gaps).toEqual([
      {
        service: "lambda",
        operation: "GetPolicy",
        region: REGION,
        resourceArn: functionArn("denied"),
        errorCode: "AccessDeniedException",
        message: "User is not authorized to perform this action",
      },
    ]);

    const view = viewWithoutRoles(snapshot);
    const { evaluations } = runChecks(view, [functionPolicyPublicInvoke]);
    const statusOf = (name: string) => evaluations.find((e) => e.resource.arn === functionArn(name))?.result.status;
    expect(statusOf("denied")).toBe("unknown");
    expect(statusOf("open")).toBe("fail");
    expect(statusOf("none")).toBe("pass");
  });

  it("stores null without a gap when a configuration read answers not found", async () => {
    mockFunctionPages(mocks, [configuration("plain")]);
    const { snapshot } = await collect();
    const [fn] = snapshot.functions;
    expect(fn?.resourcePolicy).toBeNull();
    expect(fn?.url).toBeNull();
    expect(fn?.eventInvokeConfig).toBeNull();
    expect(snapshot.gaps).toEqual([]);
  });

  it("records a gap instead of crashing when throttling outlasts the retries", async () => {
    mockFunctionPages(mocks, [configuration("busy")]);
    mocks.lambda.on(GetFunctionUrlConfigCommand).rejects(throttled());
    const { snapshot, stats } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("url");
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ operation: "GetFunctionUrlConfig", errorCode: "TooManyRequestsException", resourceArn: functionArn("busy") }),
    ]);
    expect(stats.throttles["lambda:GetFunctionUrlConfig"]).toBe(1);
  });

  it("goes on with the other regions when one region fails", async () => {
    mocks.lambda.on(ListFunctionsCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === REGION) throw accessDenied();
      return { Functions: [configuration("east", {}, OTHER_REGION)] };
    });
    const { snapshot } = await collect({ regions: [REGION, OTHER_REGION] });
    expect(snapshot.regions).toEqual([REGION, OTHER_REGION]);
    expect(snapshot.functions.map((fn) => fn.arn)).toEqual([functionArn("east", OTHER_REGION)]);
    const listGaps = snapshot.gaps.filter((gap) => gap.operation === "ListFunctions");
    expect(listGaps).toEqual([expect.objectContaining({ region: REGION, errorCode: "AccessDeniedException" })]);
    expect(listGaps[0]?.partial).toBeUndefined();
    // The region that could not be listed costs no code signing call and records no second gap.
    expect(snapshot.gaps.filter((gap) => gap.region === REGION)).toHaveLength(1);
  });

  it("falls back to GetFunctionConfiguration, ListTags and GetFunctionConcurrency when GetFunction is denied", async () => {
    mockFunctionPages(mocks, [configuration("audit")]);
    mocks.lambda.on(GetFunctionCommand).rejects(accessDenied());
    mocks.lambda.on(GetFunctionConfigurationCommand).resolves({ State: "Active" });
    mocks.lambda.on(ListTagsCommand).resolves({ Tags: { owner: "team-b" } });
    mocks.lambda.on(GetFunctionConcurrencyCommand).resolves({});
    const { snapshot } = await collect();
    const [fn] = snapshot.functions;
    expect(fn?.tags).toEqual({ owner: "team-b" });
    expect(fn?.reservedConcurrency).toBeNull();
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "GetFunction", resourceArn: functionArn("audit") })]);
    expect(countSent(mocks, "lambda:ListTags")).toBe(1);
    expect(countSent(mocks, "lambda:GetFunctionConcurrency")).toBe(1);
    expect(countSent(mocks, "lambda:GetFunctionConfiguration")).toBe(1);
  });

  it("skips GetFunctionEventInvokeConfig for a function that already has a dead-letter queue", async () => {
    mockFunctionPages(mocks, [
      configuration("with-dlq", { DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` } }),
      configuration("without-dlq"),
    ]);
    const { snapshot } = await collect();
    const calls = mocks.lambda.commandCalls(GetFunctionEventInvokeConfigCommand);
    expect(calls.map((call) => call.args[0].input.FunctionName)).toEqual([functionArn("without-dlq")]);
    expect(snapshot.operationsAttempted).toContain("lambda:GetFunctionEventInvokeConfig");
  });

  it("makes only the reads the selected checks require", async () => {
    mockFunctionPages(mocks, [configuration("only")]);
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    expect(countSent(mocks, "lambda:GetPolicy")).toBe(1);
    expect(countSent(mocks, "lambda:GetFunction")).toBe(0);
    expect(countSent(mocks, "lambda:GetFunctionUrlConfig")).toBe(0);
    expect(countSent(mocks, "lambda:ListEventSourceMappings")).toBe(0);
    expect(countSent(mocks, "iam:GetRole")).toBe(0);
    expect(countSent(mocks, "apigateway:GetRestApis")).toBe(0);
    expect(countSent(mocks, "logs:DescribeLogGroups")).toBe(0);
    // A policy's aws:PrincipalOrgID is judged against the account's organisation: read with every policy.
    expect(snapshot.operationsAttempted).toEqual(["lambda:GetPolicy", "lambda:ListFunctions", "organizations:DescribeOrganization"]);
    expect(countSent(mocks, "organizations:DescribeOrganization")).toBe(1);
    expect(snapshot.organization).toBeNull();
    expect(snapshot.functions[0]).not.toHaveProperty("tags");
  });

  it("reads each own layer version policy once", async () => {
    const ownLayer = `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:shared:3`;
    const foreignLayer = `arn:aws:lambda:${REGION}:999988887777:layer:vendor:1`;
    mockFunctionPages(
      mocks,
      ["a", "b", "c"].map((name) => configuration(name, { Layers: [{ Arn: ownLayer }, { Arn: foreignLayer }] })),
    );
    mocks.lambda.on(GetLayerVersionPolicyCommand).resolves({ Policy: policy({ AWS: "*" }) });
    const { snapshot } = await collect();
    expect(countSent(mocks, "lambda:GetLayerVersionPolicy")).toBe(1);
    expect(mocks.lambda.commandCalls(GetLayerVersionPolicyCommand)[0]?.args[0].input).toEqual({
      LayerName: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:shared`,
      VersionNumber: 3,
    });
    expect(snapshot.layerVersions).toEqual([
      { arn: ownLayer, region: REGION, policy: expect.objectContaining({ Version: "2012-10-17" }) },
    ]);
  });

  it("keeps event source mappings read before a later page fails", async () => {
    mockFunctionPages(mocks, [configuration("consumer")]);
    mocks.lambda
      .on(ListEventSourceMappingsCommand)
      .resolvesOnce({
        EventSourceMappings: [
          {
            UUID: "u-1",
            FunctionArn: functionArn("consumer"),
            EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:q`,
            MaximumRetryAttempts: -1,
          },
        ],
        NextMarker: "m2",
      })
      .rejectsOnce(accessDenied());
    const { snapshot } = await collect();
    expect(snapshot.eventSourceMappings).toEqual([
      expect.objectContaining({ uuid: "u-1", functionArn: functionArn("consumer"), maximumRetryAttempts: -1 }),
    ]);
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "ListEventSourceMappings", partial: true })]);
  });

  it("records an environment Lambda could not decrypt as a gap, not as no environment", async () => {
    mockFunctionPages(mocks, [
      configuration("kms", { Environment: { Error: { ErrorCode: "KMSAccessDeniedException", Message: "no" } } }),
    ]);
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("environment");
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ operation: "ListFunctions", errorCode: "KMSAccessDeniedException", resourceArn: functionArn("kms") }),
    ]);
  });

  it("treats a function that vanished between listing and reading as a gap", async () => {
    mockFunctionPages(mocks, [configuration("gone")]);
    mocks.lambda.on(GetFunctionCommand).rejects(notFound());
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("tags");
    expect(snapshot.gaps).toEqual([expect.objectContaining({ operation: "GetFunction", errorCode: "ResourceNotFoundException" })]);
  });
});

const cscArn = (id: string, region = REGION) => `arn:aws:lambda:${region}:${ACCOUNT}:code-signing-config:${id}`;
const PROFILE = `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-profiles/p/1`;
const cscBody = (id: string, enforcement: "Enforce" | "Warn") => ({
  CodeSigningConfigArn: cscArn(id),
  CodeSigningConfigId: id,
  CodeSigningPolicies: { UntrustedArtifactOnDeployment: enforcement },
  AllowedPublishers: { SigningProfileVersionArns: [PROFILE] },
  LastModified: "2026-01-01T00:00:00.000+0000",
});

/** ListFunctionsByCodeSigningConfig answers from `members` (config id -> pages of function ARNs). */
function mockConfigMembers(members: Record<string, string[][]>): void {
  mocks.lambda.on(ListFunctionsByCodeSigningConfigCommand).callsFake((input: { CodeSigningConfigArn: string; Marker?: string }) => {
    const id = input.CodeSigningConfigArn.split(":").pop() as string;
    const pages = members[id];
    if (!pages) throw notFound();
    const index = input.Marker ? Number(input.Marker) : 0;
    return { FunctionArns: pages[index] ?? [], ...(index + 1 < pages.length ? { NextMarker: String(index + 1) } : {}) };
  });
}

const codeSigningCalls = () => sentOperations(mocks).filter((id) => /CodeSigning/.test(id));

describe("collectLambda: code signing, read per region", () => {
  const names = Array.from({ length: 120 }, (_, index) => `fn-${String(index).padStart(3, "0")}`);

  it("lists the configs and their functions (both paginated), not one call per function", async () => {
    mockFunctionPages(mocks, names.map((name) => configuration(name)));
    mocks.lambda
      .on(ListCodeSigningConfigsCommand)
      .resolvesOnce({ CodeSigningConfigs: [cscBody("csc-enforce", "Enforce")], NextMarker: "configs-2" })
      .resolvesOnce({ CodeSigningConfigs: [cscBody("csc-warn", "Warn")] });
    mockConfigMembers({
      // One config's functions over two pages.
      "csc-enforce": [names.slice(0, 30).map((name) => functionArn(name)), names.slice(30, 60).map((name) => functionArn(name))],
      // A qualified ARN names the function.
      "csc-warn": [[`${functionArn("fn-060")}:7`, `${functionArn("fn-061")}:$LATEST`]],
    });
    const { snapshot, stats } = await collect();
    expect(snapshot.gaps).toEqual([]);
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn]));
    expect(byName["fn-000"]?.codeSigningConfig).toEqual({
      arn: cscArn("csc-enforce"),
      untrustedArtifactOnDeployment: "Enforce",
      allowedPublisherArns: [PROFILE],
    });
    expect(byName["fn-059"]?.codeSigningConfig?.arn).toBe(cscArn("csc-enforce"));
    expect(byName["fn-060"]?.codeSigningConfig).toMatchObject({ arn: cscArn("csc-warn"), untrustedArtifactOnDeployment: "Warn" });
    expect(byName["fn-061"]?.codeSigningConfig?.arn).toBe(cscArn("csc-warn"));
    // Named in no config's list, and every list was read: no config.
    expect(byName["fn-062"]?.codeSigningConfig).toBeNull();
    expect(byName["fn-119"]?.codeSigningConfig).toBeNull();

    // 2 pages of configs + 2 + 1 pages of functions, for 120 functions.
    expect(codeSigningCalls()).toHaveLength(5);
    expect(countSent(mocks, "lambda:ListCodeSigningConfigs")).toBe(2);
    expect(countSent(mocks, "lambda:ListFunctionsByCodeSigningConfig")).toBe(3);
    expect(stats.calls["lambda:ListFunctionsByCodeSigningConfig"]).toBe(3);
    expect(mocks.lambda.commandCalls(ListCodeSigningConfigsCommand)[1]?.args[0].input).toMatchObject({ Marker: "configs-2" });
    const membersCalls = mocks.lambda.commandCalls(ListFunctionsByCodeSigningConfigCommand).map((call) => call.args[0].input);
    expect(membersCalls).toContainEqual(expect.objectContaining({ CodeSigningConfigArn: cscArn("csc-enforce"), Marker: "1" }));
    // Per-function Lambda calls: GetFunction, GetPolicy, GetFunctionUrlConfig, GetRuntimeManagementConfig,
    // GetFunctionEventInvokeConfig, GetFunctionRecursionConfig; nothing for code signing.
    const perFunction = sentOperations(mocks).filter((id) => id.startsWith("lambda:") && !/^lambda:List/.test(id));
    expect(perFunction).toHaveLength(6 * names.length);
    expect(countSent(mocks, "lambda:GetFunctionCodeSigningConfig")).toBe(0);
    expect(snapshot.operationsAttempted).toEqual(
      expect.arrayContaining(["lambda:ListCodeSigningConfigs", "lambda:ListFunctionsByCodeSigningConfig"]),
    );
  });

  it("leaves every function's config absent with one region-wide gap when ListCodeSigningConfigs is denied", async () => {
    mockFunctionPages(mocks, [configuration("a"), configuration("b")]);
    mocks.lambda.on(ListCodeSigningConfigsCommand).rejects(accessDenied());
    const { snapshot } = await collect();
    for (const fn of snapshot.functions) expect(fn).not.toHaveProperty("codeSigningConfig");
    expect(snapshot.gaps).toEqual([
      {
        service: "lambda",
        operation: "ListCodeSigningConfigs",
        region: REGION,
        errorCode: "AccessDeniedException",
        message: "User is not authorized to perform this action",
      },
    ]);
    expect(countSent(mocks, "lambda:ListFunctionsByCodeSigningConfig")).toBe(0);

    // Missing data is never a pass, nor a fail: the check says unknown.
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [functionCodeSigningDisabled]);
    const resultOf = (name: string) => evaluations.find((e) => e.resource.arn === functionArn(name))?.result;
    expect(resultOf("a")).toMatchObject({ status: "unknown", reason: "codeSigningNotRead" });
    expect(resultOf("a")?.evidence?.gaps).toEqual([expect.objectContaining({ operation: "lambda:ListCodeSigningConfigs" })]);
  });

  it("keeps the functions of the configs read before a later page of configs is denied; the rest stay absent", async () => {
    mockFunctionPages(mocks, [configuration("signed"), configuration("other")]);
    mocks.lambda
      .on(ListCodeSigningConfigsCommand)
      .resolvesOnce({ CodeSigningConfigs: [cscBody("csc-1", "Enforce")], NextMarker: "configs-2" })
      .rejectsOnce(accessDenied());
    mockConfigMembers({ "csc-1": [[functionArn("signed")]] });
    const { snapshot } = await collect();
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn]));
    expect(byName.signed?.codeSigningConfig).toMatchObject({ arn: cscArn("csc-1"), untrustedArtifactOnDeployment: "Enforce" });
    // A config on the unread page may name it: unknown, not "no config".
    expect(byName.other).not.toHaveProperty("codeSigningConfig");
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ operation: "ListCodeSigningConfigs", region: REGION, errorCode: "AccessDeniedException", partial: true }),
    ]);
    expect(snapshot.gaps[0]?.resourceArn).toBeUndefined();
  });

  it("records the config's gap and leaves unlisted functions absent when one config's function list fails", async () => {
    mockFunctionPages(mocks, ["a", "b", "c", "d"].map((name) => configuration(name)));
    mocks.lambda
      .on(ListCodeSigningConfigsCommand)
      .resolves({ CodeSigningConfigs: [cscBody("csc-ok", "Enforce"), cscBody("csc-busy", "Warn"), cscBody("csc-half", "Warn")] });
    mocks.lambda.on(ListFunctionsByCodeSigningConfigCommand).callsFake((input: { CodeSigningConfigArn: string; Marker?: string }) => {
      if (input.CodeSigningConfigArn === cscArn("csc-ok")) return { FunctionArns: [functionArn("a")] };
      if (input.CodeSigningConfigArn === cscArn("csc-busy")) throw throttled();
      // csc-half: the first page answers, the second is denied.
      if (!input.Marker) return { FunctionArns: [functionArn("b")], NextMarker: "2" };
      throw accessDenied();
    });
    const { snapshot, stats } = await collect();
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn]));
    expect(byName.a?.codeSigningConfig?.arn).toBe(cscArn("csc-ok"));
    expect(byName.b?.codeSigningConfig?.arn).toBe(cscArn("csc-half"));
    expect(byName.c).not.toHaveProperty("codeSigningConfig");
    expect(byName.d).not.toHaveProperty("codeSigningConfig");
    const gaps = snapshot.gaps.filter((gap) => gap.operation === "ListFunctionsByCodeSigningConfig");
    expect(gaps).toHaveLength(2);
    expect(gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ region: REGION, resourceArn: cscArn("csc-busy"), errorCode: "TooManyRequestsException" }),
        expect.objectContaining({ region: REGION, resourceArn: cscArn("csc-half"), errorCode: "AccessDeniedException", partial: true }),
      ]),
    );
    expect(stats.throttles["lambda:ListFunctionsByCodeSigningConfig"]).toBe(1);
    expect(snapshot.gaps).toHaveLength(2);
  });

  it("makes no code signing call when no selected check needs it, nor in a region without functions", async () => {
    mockFunctionPages(mocks, [configuration("only")]);
    await collect({ requiredOperations: new Set(["lambda:GetPolicy"]) });
    expect(codeSigningCalls()).toEqual([]);

    mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:ListCodeSigningConfigs"]) });
    expect(codeSigningCalls()).toEqual([]);
    // The check's two reads go together: wanting one attempts the other, and plans the per-function
    // fallback (made only where the listing is not available).
    expect(snapshot.operationsAttempted).toEqual([
      "lambda:GetCodeSigningConfig",
      "lambda:GetFunctionCodeSigningConfig",
      "lambda:ListCodeSigningConfigs",
      "lambda:ListFunctions",
      "lambda:ListFunctionsByCodeSigningConfig",
    ]);
  });

  it("reads only what the code signing check requires when it is the one selected", async () => {
    mockFunctionPages(mocks, [configuration("signed"), configuration("plain")]);
    mocks.lambda.on(ListCodeSigningConfigsCommand).resolves({ CodeSigningConfigs: [cscBody("csc-1", "Enforce")] });
    mockConfigMembers({ "csc-1": [[functionArn("signed")]] });
    const { snapshot } = await collect({ requiredOperations: new Set(functionCodeSigningDisabled.requires) });
    expect(sentOperations(mocks).sort()).toEqual([
      "lambda:ListCodeSigningConfigs",
      "lambda:ListFunctions",
      "lambda:ListFunctionsByCodeSigningConfig",
      "sts:GetCallerIdentity",
    ]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [functionCodeSigningDisabled]);
    expect(evaluations.map((e) => [e.resource.arn, e.result.status])).toEqual([
      [functionArn("plain"), "fail"],
      [functionArn("signed"), "pass"],
    ]);
  });

  it("reads a config whose answer names no policy as Lambda's default (Warn), and an unknown policy as a gap", async () => {
    mockFunctionPages(mocks, [configuration("default-policy"), configuration("new-policy")]);
    mocks.lambda.on(ListCodeSigningConfigsCommand).resolves({
      CodeSigningConfigs: [
        { CodeSigningConfigArn: cscArn("csc-default"), CodeSigningConfigId: "csc-default" } as never,
        { ...cscBody("csc-new", "Enforce"), CodeSigningPolicies: { UntrustedArtifactOnDeployment: "Quarantine" as never } },
      ],
    });
    mockConfigMembers({ "csc-default": [[functionArn("default-policy")]], "csc-new": [[functionArn("new-policy")]] });
    const { snapshot } = await collect();
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn]));
    expect(byName["default-policy"]?.codeSigningConfig).toEqual({ arn: cscArn("csc-default"), untrustedArtifactOnDeployment: "Warn", allowedPublisherArns: [] });
    expect(byName["new-policy"]?.codeSigningConfig).toEqual({ arn: cscArn("csc-new"), allowedPublisherArns: [PROFILE] });
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ operation: "ListCodeSigningConfigs", resourceArn: cscArn("csc-new"), errorCode: "UnexpectedResponse" }),
    ]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [functionCodeSigningDisabled]);
    expect(evaluations.map((e) => [e.resource.arn, e.result.status])).toEqual([
      [functionArn("default-policy"), "fail"],
      [functionArn("new-policy"), "unknown"],
    ]);
  });
});
