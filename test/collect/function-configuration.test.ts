import { describe, expect, it } from "vitest";
import functionLogGroupMissing from "../../checks/function-log-group-missing.js";
import functionRoleMissing from "../../checks/function-role-missing.js";
import functionRuntimeDeprecated from "../../checks/function-runtime-deprecated.js";
import functionTracingDisabled from "../../checks/function-tracing-disabled.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { viewWithoutRoles } from "../support/evaluate.js";
import { collect, configuration, functionArn, mockFunctionPages, useMockedAws } from "./helpers.js";

const mocks = useMockedAws();

describe("a function as ListFunctions answered it (three states)", () => {
  it("reads what a successful answer leaves out as none, not as not read", async () => {
    mockFunctionPages(mocks, [
      configuration("bare", {
        Architectures: undefined,
        Description: undefined,
        Handler: undefined,
        State: undefined,
        TracingConfig: undefined,
        LoggingConfig: undefined,
        Layers: undefined,
      }),
    ]);
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).toMatchObject({
      architectures: [],
      description: "",
      handler: null,
      state: null,
      tracingMode: "PassThrough",
      loggingConfig: {},
      layers: [],
      kmsKeyArn: null,
      vpc: null,
      deadLetterTargetArn: null,
      environment: null,
    });
    expect(snapshot.gaps).toEqual([]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [functionTracingDisabled, functionLogGroupMissing]);
    expect(evaluations.map((e) => [e.check.id, e.result.status, e.result.reason]).sort()).toEqual([
      ["function-log-group-missing", "fail", "logGroupMissing"],
      ["function-tracing-disabled", "fail", "tracingPassThrough"],
    ]);
  });

  it("leaves what AWS always returns absent, with an UnexpectedResponse gap, when the answer lacks it or holds nonsense", async () => {
    mockFunctionPages(mocks, [
      configuration("broken", {
        Role: undefined,
        Runtime: undefined,
        MemorySize: undefined,
        Timeout: 0,
        LastModified: undefined,
        TracingConfig: { Mode: "Sometimes" as never },
      }),
    ]);
    const { snapshot } = await collect();
    const [fn] = snapshot.functions;
    for (const field of ["role", "runtime", "memorySize", "timeout", "lastModified", "tracingMode"]) expect(fn, field).not.toHaveProperty(field);
    expect(snapshot.gaps.map((gap) => [gap.operation, gap.resourceArn, gap.errorCode, gap.message])).toEqual([
      ["ListFunctions", functionArn("broken"), "UnexpectedResponse", "ListFunctions returned no Runtime"],
      ["ListFunctions", functionArn("broken"), "UnexpectedResponse", "ListFunctions returned no Role"],
      ["ListFunctions", functionArn("broken"), "UnexpectedResponse", "ListFunctions returned no MemorySize"],
      ["ListFunctions", functionArn("broken"), "UnexpectedResponse", "ListFunctions returned an unexpected Timeout"],
      ["ListFunctions", functionArn("broken"), "UnexpectedResponse", "ListFunctions returned no LastModified"],
      ["ListFunctions", functionArn("broken"), "UnexpectedResponse", "ListFunctions returned an unexpected TracingConfig.Mode"],
    ]);
    const { evaluations } = runChecks(viewWithoutRoles(snapshot), [functionRoleMissing, functionRuntimeDeprecated, functionTracingDisabled]);
    expect(evaluations.map((e) => e.result.status)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("gives a container image a null runtime without a gap", async () => {
    mockFunctionPages(mocks, [configuration("image", { PackageType: "Image", Runtime: undefined, Handler: undefined })]);
    const { snapshot } = await collect();
    expect(snapshot.functions[0]).toMatchObject({ packageType: "Image", runtime: null, handler: null });
    expect(snapshot.gaps).toEqual([]);
  });
});
