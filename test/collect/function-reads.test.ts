import {
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  ListTagsCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { FUNCTION_READS } from "../../src/collect/function-reads.js";
import { allCollectionOperations } from "../../src/collect/operations.js";
import { accessDenied, collect, configuration, countSent, functionArn, mockFunctionPages, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();

describe("the per-function read table", () => {
  it("names only operations a collection can make, each once", () => {
    const operations = FUNCTION_READS.flatMap((read) => [read.operation, ...(read.fallback ?? []).map((fallback) => fallback.operation)]);
    expect(new Set(operations).size).toBe(operations.length);
    for (const operation of operations) expect(allCollectionOperations()).toContain(operation);
  });

  it("stores null for a container image's runtime management without asking", async () => {
    mockFunctionPages(mocks, [configuration("image", { PackageType: "Image", Runtime: undefined }), configuration("zip")]);
    const { snapshot } = await collect();
    const byName = Object.fromEntries(snapshot.functions.map((fn) => [fn.name, fn]));
    expect(byName.image?.runtimeManagement).toBeNull();
    expect(byName.zip?.runtimeManagement).toEqual({ updateRuntimeOn: "Auto", runtimeVersionArn: null });
    expect(mocks.lambda.commandCalls(GetRuntimeManagementConfigCommand).map((call) => call.args[0].input.FunctionName)).toEqual([
      functionArn("zip"),
    ]);
  });

  it("leaves a field absent with an UnexpectedResponse gap when the answer holds a value outside the schema", async () => {
    mockFunctionPages(mocks, [configuration("odd")]);
    mocks.lambda.on(GetFunctionUrlConfigCommand).resolves({ AuthType: "SOMETHING_NEW" as never, FunctionUrl: "https://x.lambda-url" });
    mocks.lambda.on(GetRuntimeManagementConfigCommand).resolves({ UpdateRuntimeOn: "Sometimes" as never });
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("url");
    expect(snapshot.functions[0]).not.toHaveProperty("runtimeManagement");
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.errorCode, gap.message, gap.resourceArn])).toEqual([
      ["GetFunctionUrlConfig", "UnexpectedResponse", "GetFunctionUrlConfig returned an unexpected AuthType", functionArn("odd")],
      ["GetRuntimeManagementConfig", "UnexpectedResponse", "GetRuntimeManagementConfig returned an unexpected UpdateRuntimeOn", functionArn("odd")],
    ]);
  });

  it("leaves a policy that is not JSON absent, with a gap saying so", async () => {
    mockFunctionPages(mocks, [configuration("garbled")]);
    mocks.lambda.on(GetPolicyCommand).resolves({ Policy: "not json" });
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("resourcePolicy");
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ operation: "GetPolicy", errorCode: "UnreadablePolicyDocument", resourceArn: functionArn("garbled") }),
    ]);
  });

  it("reads tags and reserved concurrency instead of a denied GetFunction when only GetFunction is selected", async () => {
    mockFunctionPages(mocks, [configuration("audit")]);
    mocks.lambda.on(GetFunctionCommand).rejects(accessDenied());
    mocks.lambda.on(ListTagsCommand).resolves({ Tags: { owner: "team-b" } });
    mocks.lambda.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 3 });
    const { snapshot } = await collect({ requiredOperations: new Set(["lambda:GetFunction"]) });
    expect(snapshot.functions[0]).toMatchObject({ tags: { owner: "team-b" }, reservedConcurrency: 3 });
    expect(countSent(mocks, "lambda:ListTags")).toBe(1);
    expect(countSent(mocks, "lambda:GetFunctionConcurrency")).toBe(1);
    // The state it would add is not something the selected checks need.
    expect(countSent(mocks, "lambda:GetFunctionConfiguration")).toBe(0);
  });

  it("reads a GetPolicy answer without a policy as none", async () => {
    mockFunctionPages(mocks, [configuration("empty")]);
    mocks.lambda.on(GetPolicyCommand).resolves({});
    const { snapshot } = await collect();
    expect(snapshot.functions[0]?.resourcePolicy).toBeNull();
    expect(snapshot.gaps).toEqual([]);
  });

  it("names the image of an image function and gives a zip function's image as null", async () => {
    mockFunctionPages(mocks, [configuration("image", { PackageType: "Image", Runtime: undefined }), configuration("zip")]);
    mocks.lambda.on(GetFunctionCommand, { FunctionName: functionArn("image") }).resolves({ Code: { ImageUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1" } });
    mocks.lambda.on(GetFunctionCommand, { FunctionName: functionArn("zip") }).resolves({ Code: { RepositoryType: "S3" } });
    const { snapshot } = await collect();
    expect(snapshot.functions.map((fn) => [fn.name, fn.imageUri])).toEqual([
      ["image", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"],
      ["zip", null],
    ]);
  });

  it("leaves a URL configuration without an auth type absent, with a gap saying it was missing", async () => {
    mockFunctionPages(mocks, [configuration("url")]);
    mocks.lambda.on(GetFunctionUrlConfigCommand).resolves({ FunctionUrl: "https://x.lambda-url" });
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).not.toHaveProperty("url");
    expect(snapshot.gaps).toEqual([
      expect.objectContaining({ operation: "GetFunctionUrlConfig", errorCode: "UnexpectedResponse", message: "GetFunctionUrlConfig returned no AuthType" }),
    ]);
  });
});
