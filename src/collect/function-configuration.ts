import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { roleNameOf } from "../arn.js";
import type { LambdaFunction } from "../snapshot/schema.js";
import { classifyVariables } from "../snapshot/secrets.js";
import type { AnswerProblems } from "./answers.js";
import type { CollectContext } from "./context.js";

const LOG_FORMATS = new Set(["Text", "JSON"]);

/**
 * The configuration ListFunctions already returned, in snapshot form (environment excluded). What a
 * function may lack is "none" when the answer leaves it out (no description, no logging
 * configuration); what AWS always returns (role, runtime of a zip function, memory, timeout, last
 * modified) is left absent with an UnexpectedResponse gap when the answer lacks it or holds a value
 * outside the schema, so the checks that need it say unknown with a reason.
 */
export function fromConfiguration(cfg: FunctionConfiguration, region: string, problems: AnswerProblems): LambdaFunction {
  const packageType = cfg.PackageType === "Image" ? "Image" : "Zip";
  const fn: LambdaFunction = {
    arn: cfg.FunctionArn as string,
    name: cfg.FunctionName as string,
    region,
    ...runtimeOf(cfg, packageType, problems),
    packageType,
    handler: cfg.Handler ?? null,
    kmsKeyArn: cfg.KMSKeyArn ?? null,
    deadLetterTargetArn: cfg.DeadLetterConfig?.TargetArn ?? null,
    vpc:
      cfg.VpcConfig?.VpcId
        ? {
            vpcId: cfg.VpcConfig.VpcId,
            subnetIds: cfg.VpcConfig.SubnetIds ?? [],
            securityGroupIds: cfg.VpcConfig.SecurityGroupIds ?? [],
            ...(cfg.VpcConfig.Ipv6AllowedForDualStack !== undefined
              ? { ipv6AllowedForDualStack: cfg.VpcConfig.Ipv6AllowedForDualStack }
              : {}),
          }
        : null,
    layers: (cfg.Layers ?? [])
      .filter((layer) => layer.Arn)
      .map((layer) => ({
        arn: layer.Arn as string,
        ...(layer.CodeSize !== undefined ? { codeSize: layer.CodeSize } : {}),
        signingProfileVersionArn: layer.SigningProfileVersionArn ?? null,
      })),
  };
  fn.architectures = cfg.Architectures ?? [];

  // A role ARN that names no role could not be read as one (IAM is not asked about it).
  if (cfg.Role && roleNameOf(cfg.Role)) fn.role = cfg.Role;
  else if (cfg.Role) problems.unexpected("Role");
  else problems.missing("Role");

  if (cfg.MemorySize === undefined) problems.missing("MemorySize");
  else if (cfg.MemorySize > 0) fn.memorySize = cfg.MemorySize;
  else problems.unexpected("MemorySize");

  if (cfg.Timeout === undefined) problems.missing("Timeout");
  else if (cfg.Timeout > 0) fn.timeout = cfg.Timeout;
  else problems.unexpected("Timeout");

  if (cfg.LastModified === undefined) problems.missing("LastModified");
  else if (!Number.isNaN(Date.parse(cfg.LastModified))) fn.lastModified = cfg.LastModified;
  else problems.unexpected("LastModified");

  fn.description = cfg.Description ?? "";
  // Functions created before Lambda had states have none.
  fn.state = cfg.State ?? null;

  // No TracingConfig is Lambda's default, which it reports as PassThrough.
  const mode = cfg.TracingConfig?.Mode ?? "PassThrough";
  if (mode === "Active" || mode === "PassThrough") fn.tracingMode = mode;
  else problems.unexpected("TracingConfig.Mode");

  fn.loggingConfig = loggingConfigOf(cfg);
  fn.capacityProviderConfig = capacityProviderOf(cfg, problems);
  fn.durableConfig = durableConfigOf(cfg, problems);
  fn.snapStart = snapStartOf(cfg, problems);
  return fn;
}

/** Lambda Managed Instances: the provider the function runs on; no CapacityProviderConfig is an ordinary function. */
function capacityProviderOf(cfg: FunctionConfiguration, problems: AnswerProblems): LambdaFunction["capacityProviderConfig"] {
  const config = cfg.CapacityProviderConfig;
  if (!config) return null;
  const managed = config.LambdaManagedInstancesCapacityProviderConfig;
  if (!managed?.CapacityProviderArn) {
    problems.missing("CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn");
    return undefined;
  }
  return {
    capacityProviderArn: managed.CapacityProviderArn,
    ...(managed.PerExecutionEnvironmentMaxConcurrency ? { perExecutionEnvironmentMaxConcurrency: managed.PerExecutionEnvironmentMaxConcurrency } : {}),
    ...(managed.ExecutionEnvironmentMemoryGiBPerVCpu ? { executionEnvironmentMemoryGiBPerVCpu: managed.ExecutionEnvironmentMemoryGiBPerVCpu } : {}),
  };
}

/**
 * Durable functions: DurableConfig's KMS key (the execution data's own key, independent of the
 * function's), retention and execution timeout. No DurableConfig: not a durable function.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DurableConfig.html
 */
function durableConfigOf(cfg: FunctionConfiguration, problems: AnswerProblems): LambdaFunction["durableConfig"] {
  const config = cfg.DurableConfig;
  if (!config) return null;
  const positive = (value: number | undefined, field: string) => {
    if (value === undefined) return {};
    if (Number.isInteger(value) && value > 0) return { [field]: value };
    problems.unexpected(`DurableConfig.${field}`);
    return {};
  };
  return {
    ...positive(config.ExecutionTimeout, "executionTimeout"),
    ...positive(config.RetentionPeriodInDays, "retentionPeriodInDays"),
    kmsKeyArn: config.KMSKeyArn ?? null,
  };
}

function snapStartOf(cfg: FunctionConfiguration, problems: AnswerProblems): LambdaFunction["snapStart"] {
  const snapStart = cfg.SnapStart;
  if (!snapStart) return null;
  const applyOn = snapStart.ApplyOn ?? "None";
  if (applyOn !== "PublishedVersions" && applyOn !== "None") {
    problems.unexpected("SnapStart.ApplyOn");
    return undefined;
  }
  const status = snapStart.OptimizationStatus;
  return { applyOn, ...(status === "On" || status === "Off" ? { optimizationStatus: status } : {}) };
}

/** A container image brings its own runtime (null); a zip function always has one. */
function runtimeOf(cfg: FunctionConfiguration, packageType: "Zip" | "Image", problems: AnswerProblems): Pick<LambdaFunction, "runtime"> {
  if (cfg.Runtime) return { runtime: cfg.Runtime };
  if (packageType === "Image") return { runtime: null };
  problems.missing("Runtime");
  return {};
}

/**
 * No LoggingConfig in a successful answer (emulators, older partitions; AWS itself always returns one):
 * Lambda's defaults, text logs to /aws/lambda/<name>, stored as such and marked as assumed.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html
 */
function loggingConfigOf(cfg: FunctionConfiguration): NonNullable<LambdaFunction["loggingConfig"]> {
  if (!cfg.LoggingConfig) return { logGroup: `/aws/lambda/${cfg.FunctionName as string}`, logFormat: "Text", defaultsAssumed: true };
  const logging = cfg.LoggingConfig;
  return {
    ...(logging.LogGroup ? { logGroup: logging.LogGroup } : {}),
    ...(logging.LogFormat && LOG_FORMATS.has(logging.LogFormat) ? { logFormat: logging.LogFormat as "Text" | "JSON" } : {}),
    ...(logging.ApplicationLogLevel ? { applicationLogLevel: logging.ApplicationLogLevel } : {}),
    ...(logging.SystemLogLevel ? { systemLogLevel: logging.SystemLogLevel } : {}),
  };
}

/**
 * Environment variables are classified here and their values dropped. When Lambda could not decrypt
 * them for us (Environment.Error, e.g. no kms:Decrypt on a customer managed key) the field stays
 * absent and the reason is a gap.
 */
export async function classifyEnvironment(ctx: CollectContext, cfg: FunctionConfiguration, fn: LambdaFunction): Promise<void> {
  const environment = cfg.Environment;
  if (environment?.Error) {
    ctx.addGap({
      service: "lambda",
      operation: "ListFunctions",
      region: fn.region,
      resourceArn: fn.arn,
      errorCode: environment.Error.ErrorCode ?? "EnvironmentError",
      message: "Lambda returned an error instead of the environment variables (is kms:Decrypt allowed?)",
    });
    return;
  }
  const variables = environment?.Variables;
  fn.environment = variables && Object.keys(variables).length > 0 ? await classifyVariables(variables) : null;
}
