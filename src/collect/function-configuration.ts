import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { LambdaFunction } from "../snapshot/schema.js";
import { classifyVariables } from "../snapshot/secrets.js";
import type { CollectContext } from "./context.js";

const TRACING_MODES = new Set(["Active", "PassThrough"]);
const LOG_FORMATS = new Set(["Text", "JSON"]);

/** The configuration ListFunctions already returned, in snapshot form (environment excluded). */
export function fromConfiguration(cfg: FunctionConfiguration, region: string): LambdaFunction {
  const packageType = cfg.PackageType === "Image" ? "Image" : "Zip";
  const fn: LambdaFunction = {
    arn: cfg.FunctionArn as string,
    name: cfg.FunctionName as string,
    region,
    runtime: cfg.Runtime ?? (packageType === "Image" ? null : undefined),
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
  if (fn.runtime === undefined) delete fn.runtime;
  if (cfg.Architectures) fn.architectures = cfg.Architectures;
  if (cfg.Role) fn.role = cfg.Role;
  if (cfg.MemorySize && cfg.MemorySize > 0) fn.memorySize = cfg.MemorySize;
  if (cfg.Timeout && cfg.Timeout > 0) fn.timeout = cfg.Timeout;
  if (cfg.LastModified && !Number.isNaN(Date.parse(cfg.LastModified))) fn.lastModified = cfg.LastModified;
  if (cfg.Description !== undefined) fn.description = cfg.Description;
  if (cfg.State) fn.state = cfg.State;
  if (cfg.TracingConfig?.Mode && TRACING_MODES.has(cfg.TracingConfig.Mode)) {
    fn.tracingMode = cfg.TracingConfig.Mode as "Active" | "PassThrough";
  }
  if (cfg.LoggingConfig) {
    const logging = cfg.LoggingConfig;
    fn.loggingConfig = {
      ...(logging.LogGroup ? { logGroup: logging.LogGroup } : {}),
      ...(logging.LogFormat && LOG_FORMATS.has(logging.LogFormat) ? { logFormat: logging.LogFormat as "Text" | "JSON" } : {}),
      ...(logging.ApplicationLogLevel ? { applicationLogLevel: logging.ApplicationLogLevel } : {}),
      ...(logging.SystemLogLevel ? { systemLogLevel: logging.SystemLogLevel } : {}),
    };
  }
  return fn;
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
