import type { CapacityProvider, LambdaFunction } from "../src/snapshot/schema.js";
import { environmentOf, type AccountIndex } from "./account.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError, epochSeconds, page } from "./protocol.js";
import { hashString } from "./random.js";

/**
 * AWS Lambda control plane (REST-JSON). Shapes follow the SDK's schemas (FunctionConfiguration,
 * GetFunctionResponse, ...). "Not found" answers are AWS's: GetPolicy, GetFunctionUrlConfig and
 * GetFunctionEventInvokeConfig answer 404 ResourceNotFoundException when there is none.
 */

const NOT_FOUND_MESSAGE = "The resource you requested does not exist.";

function notFound(message = NOT_FOUND_MESSAGE): AwsError {
  return new AwsError("ResourceNotFoundException", message, 404);
}

/** A name, `name:qualifier`, `account:function:name[:qualifier]` or a full ARN, to the function. */
function resolveFunctionName(index: AccountIndex, region: string, reference: string): LambdaFunction | undefined {
  let name = reference;
  if (reference.startsWith("arn:")) name = reference.split(":")[6] ?? "";
  else if (/^\d{12}:function:/.test(reference)) name = reference.split(":")[2] ?? "";
  else name = reference.split(":")[0] ?? "";
  return index.functionByRegionAndName.get(`${region}/${name}`);
}

function functionOf(ctx: CallContext): LambdaFunction {
  const reference = ctx.labels.FunctionName ?? "";
  const fn = resolveFunctionName(ctx.index, ctx.region, reference);
  if (!fn) {
    const arn = reference.startsWith("arn:")
      ? reference
      : `arn:${ctx.index.account.partition}:lambda:${ctx.region}:${ctx.index.account.accountId}:function:${reference}`;
    throw notFound(`Function not found: ${arn}`);
  }
  return fn;
}

function maxItems(ctx: CallContext, fallback: number, ceiling: number): number {
  const raw = ctx.params.get("MaxItems");
  const requested = raw ? Number(raw) : fallback;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new AwsError("InvalidParameterValueException", "MaxItems must be a positive integer.", 400);
  }
  return Math.min(requested, ceiling);
}

function pseudoSha256(value: string): string {
  const bytes = Buffer.alloc(32);
  for (let i = 0; i < 8; i += 1) bytes.writeUInt32BE(hashString(`${i}:${value}`), i * 4);
  return bytes.toString("base64");
}

function revisionId(value: string): string {
  const hex = (n: number) => hashString(`${n}:${value}`).toString(16).padStart(8, "0");
  return `${hex(1)}-${hex(2).slice(0, 4)}-4${hex(3).slice(0, 3)}-8${hex(4).slice(0, 3)}-${hex(5)}${hex(6).slice(0, 4)}`;
}

export function functionConfiguration(index: AccountIndex, fn: LambdaFunction, omitLoggingConfig = false): Record<string, unknown> {
  const environment = environmentOf(index, fn);
  const hash = hashString(fn.arn);
  // AWS often answers an empty VpcConfig for a function that is not in a VPC (notably one that once
  // was): the collectors must read that as "no VPC". Half the functions get it, chosen by name.
  const vpcConfig = fn.vpc
    ? {
        SubnetIds: fn.vpc.subnetIds,
        SecurityGroupIds: fn.vpc.securityGroupIds,
        VpcId: fn.vpc.vpcId,
        Ipv6AllowedForDualStack: fn.vpc.ipv6AllowedForDualStack ?? false,
      }
    : hash % 2 === 0
      ? { SubnetIds: [], SecurityGroupIds: [], VpcId: "", Ipv6AllowedForDualStack: false }
      : undefined;
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime ?? undefined,
    Role: fn.role,
    Handler: fn.handler ?? undefined,
    CodeSize: 1024 + (hash % 5_000_000),
    Description: fn.description ?? "",
    Timeout: fn.timeout ?? 3,
    MemorySize: fn.memorySize ?? 128,
    LastModified: fn.lastModified ?? "2026-01-01T00:00:00.000+0000",
    CodeSha256: pseudoSha256(fn.arn),
    Version: "$LATEST",
    VpcConfig: vpcConfig,
    DeadLetterConfig: fn.deadLetterTargetArn ? { TargetArn: fn.deadLetterTargetArn } : undefined,
    Environment: environment ? { Variables: environment } : undefined,
    KMSKeyArn: fn.kmsKeyArn ?? undefined,
    TracingConfig: { Mode: fn.tracingMode ?? "PassThrough" },
    RevisionId: revisionId(fn.arn),
    Layers:
      fn.layers && fn.layers.length > 0
        ? fn.layers.map((layer) => ({
            Arn: layer.arn,
            CodeSize: layer.codeSize ?? 4096,
            SigningProfileVersionArn: layer.signingProfileVersionArn ?? undefined,
          }))
        : undefined,
    State: fn.state ?? "Active",
    LastUpdateStatus: "Successful",
    PackageType: fn.packageType,
    Architectures: fn.architectures ?? ["x86_64"],
    EphemeralStorage: { Size: 512 },
    SnapStart: fn.snapStart ? { ApplyOn: fn.snapStart.applyOn, OptimizationStatus: fn.snapStart.optimizationStatus } : { ApplyOn: "None", OptimizationStatus: "Off" },
    CapacityProviderConfig: fn.capacityProviderConfig
      ? {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: fn.capacityProviderConfig.capacityProviderArn,
            PerExecutionEnvironmentMaxConcurrency: fn.capacityProviderConfig.perExecutionEnvironmentMaxConcurrency,
            ExecutionEnvironmentMemoryGiBPerVCpu: fn.capacityProviderConfig.executionEnvironmentMemoryGiBPerVCpu,
          },
        }
      : undefined,
    DurableConfig: fn.durableConfig
      ? { ExecutionTimeout: fn.durableConfig.executionTimeout, RetentionPeriodInDays: fn.durableConfig.retentionPeriodInDays, KMSKeyArn: fn.durableConfig.kmsKeyArn ?? undefined }
      : undefined,
    RuntimeVersionConfig: fn.runtimeManagement?.runtimeVersionArn
      ? { RuntimeVersionArn: fn.runtimeManagement.runtimeVersionArn }
      : undefined,
    // An emulator (or an older partition) may leave LoggingConfig out; AWS always sends it.
    LoggingConfig: omitLoggingConfig
      ? undefined
      : {
          LogFormat: fn.loggingConfig?.logFormat ?? "Text",
          LogGroup: fn.loggingConfig?.logGroup ?? `/aws/lambda/${fn.name}`,
          ApplicationLogLevel: fn.loggingConfig?.applicationLogLevel,
          SystemLogLevel: fn.loggingConfig?.systemLogLevel,
        },
  };
}

/** A capacity provider as ListCapacityProviders and GetCapacityProvider answer it. */
function capacityProviderBody(provider: CapacityProvider) {
  return {
    CapacityProviderArn: provider.arn,
    State: provider.state ?? "Active",
    VpcConfig: { SubnetIds: provider.vpc.subnetIds, SecurityGroupIds: provider.vpc.securityGroupIds },
    PermissionsConfig: provider.operatorRoleArn ? { CapacityProviderOperatorRoleArn: provider.operatorRoleArn } : undefined,
    InstanceRequirements: { Architectures: provider.architectures ?? ["x86_64"], AllowedInstanceTypes: provider.allowedInstanceTypes, ExcludedInstanceTypes: provider.excludedInstanceTypes },
    CapacityProviderScalingConfig: { MaxVCpuCount: 64, ScalingMode: "Auto" },
    KmsKeyArn: provider.kmsKeyArn ?? undefined,
    LastModified: "2026-01-01T00:00:00.000+0000",
  };
}

function codeSigningConfigBody(csc: { arn: string; id: string; untrustedArtifactOnDeployment: string; allowedPublisherArns: string[] }) {
  return {
    CodeSigningConfigId: csc.id,
    CodeSigningConfigArn: csc.arn,
    Description: "",
    AllowedPublishers: { SigningProfileVersionArns: csc.allowedPublisherArns },
    CodeSigningPolicies: { UntrustedArtifactOnDeployment: csc.untrustedArtifactOnDeployment },
    LastModified: "2026-01-01T00:00:00.000+0000",
  };
}

function layerVersionArn(ctx: CallContext): string {
  const layer = ctx.labels.LayerName ?? "";
  const version = ctx.labels.VersionNumber ?? "";
  const layerArn = layer.startsWith("arn:")
    ? layer
    : `arn:${ctx.index.account.partition}:lambda:${ctx.region}:${ctx.index.account.accountId}:layer:${layer}`;
  return `${layerArn}:${version}`;
}

/** A function URL as GetFunctionUrlConfig and ListFunctionUrlConfigs answer it, for the function or an alias. */
function urlConfigBody(functionArn: string, url: NonNullable<LambdaFunction["url"]>, region: string) {
  const cors = url.cors;
  return {
    FunctionUrl: url.url ?? `https://${hashString(functionArn).toString(36)}stub.lambda-url.${region}.on.aws/`,
    FunctionArn: functionArn,
    AuthType: url.authType,
    Cors: cors
      ? {
          AllowCredentials: cors.allowCredentials,
          AllowHeaders: cors.allowHeaders,
          AllowMethods: cors.allowMethods,
          AllowOrigins: cors.allowOrigins,
          ExposeHeaders: cors.exposeHeaders,
          MaxAge: cors.maxAge,
        }
      : undefined,
    // Served as the account describes it: an account description without it gets a scan without it.
    ...(url.creationTime ? { CreationTime: url.creationTime, LastModifiedTime: url.creationTime } : {}),
    InvokeMode: url.invokeMode ?? "BUFFERED",
  };
}

export const lambdaHandlers: ServiceHandlers = {
  service: "lambda",
  resourceOf(ctx) {
    if (ctx.labels.FunctionName !== undefined) {
      const fn = resolveFunctionName(ctx.index, ctx.region, ctx.labels.FunctionName);
      return fn?.arn ?? ctx.labels.FunctionName;
    }
    if (ctx.labels.Resource !== undefined) return ctx.labels.Resource;
    if (ctx.labels.CodeSigningConfigArn !== undefined) return ctx.labels.CodeSigningConfigArn;
    if (ctx.labels.LayerName !== undefined) return layerVersionArn(ctx);
    if (ctx.labels.CapacityProviderName !== undefined) return ctx.labels.CapacityProviderName;
    return null;
  },
  handlers: {
    ListFunctions(ctx) {
      // "ListFunctions returns a maximum of 50 items in each response, even if you set the number higher."
      const functions = ctx.index.functionsByRegion.get(ctx.region) ?? [];
      const result = page(functions, ctx.params.get("Marker"), maxItems(ctx, 50, 50), "lambda");
      return {
        Functions: result.items.map((fn) => functionConfiguration(ctx.index, fn, ctx.settings.omitLoggingConfig)),
        NextMarker: result.next,
      };
    },
    GetFunction(ctx) {
      const fn = functionOf(ctx);
      const tags = fn.tags ?? {};
      return {
        Configuration: functionConfiguration(ctx.index, fn, ctx.settings.omitLoggingConfig),
        Code:
          fn.packageType === "Image"
            ? { RepositoryType: "ECR", ImageUri: fn.imageUri ?? undefined, ResolvedImageUri: fn.imageUri ?? undefined }
            : {
                RepositoryType: "S3",
                SourceKMSKeyArn: fn.sourceKmsKeyArn ?? undefined,
                Location: `https://awslambda-${ctx.region}-tasks.s3.${ctx.region}.amazonaws.com/snapshots/${ctx.index.account.accountId}/${fn.name}-stub?X-Amz-Signature=stub`,
              },
        Tags: Object.keys(tags).length > 0 ? tags : undefined,
        Concurrency:
          fn.reservedConcurrency !== null && fn.reservedConcurrency !== undefined
            ? { ReservedConcurrentExecutions: fn.reservedConcurrency }
            : undefined,
      };
    },
    GetFunctionConfiguration(ctx) {
      return functionConfiguration(ctx.index, functionOf(ctx), ctx.settings.omitLoggingConfig);
    },
    ListTags(ctx) {
      const fn = resolveFunctionName(ctx.index, ctx.region, ctx.labels.Resource ?? "");
      if (!fn) throw notFound();
      return { Tags: fn.tags ?? {} };
    },
    GetFunctionConcurrency(ctx) {
      const fn = functionOf(ctx);
      return fn.reservedConcurrency !== null && fn.reservedConcurrency !== undefined
        ? { ReservedConcurrentExecutions: fn.reservedConcurrency }
        : {};
    },
    GetPolicy(ctx) {
      const fn = functionOf(ctx);
      // With a Qualifier, the alias's or version's own policy; an unknown qualifier is not found.
      const qualifier = ctx.params.get("Qualifier");
      const policy =
        qualifier === null
          ? fn.resourcePolicy
          : ((fn.aliases ?? []).find((alias) => alias.name === qualifier)?.resourcePolicy ??
            (fn.versions ?? []).find((version) => version.version === qualifier)?.resourcePolicy);
      if (!policy) throw notFound();
      return { Policy: JSON.stringify(policy), RevisionId: revisionId(`${fn.arn}:${qualifier ?? ""}/policy`) };
    },
    GetFunctionUrlConfig(ctx) {
      const fn = functionOf(ctx);
      if (!fn.url) throw notFound();
      return urlConfigBody(fn.arn, fn.url, ctx.region);
    },
    ListAliases(ctx) {
      const fn = functionOf(ctx);
      const result = page(fn.aliases ?? [], ctx.params.get("Marker"), maxItems(ctx, 50, 10_000), "lambda");
      return {
        Aliases: result.items.map((alias) => ({
          AliasArn: alias.arn,
          Name: alias.name,
          FunctionVersion: alias.functionVersion,
          Description: "",
          ...(alias.additionalVersions.length > 0
            ? { RoutingConfig: { AdditionalVersionWeights: Object.fromEntries(alias.additionalVersions.map((version) => [version, 0.1])) } }
            : {}),
          RevisionId: revisionId(alias.arn),
        })),
        NextMarker: result.next,
      };
    },
    ListFunctionUrlConfigs(ctx) {
      const fn = functionOf(ctx);
      const urls = [
        ...(fn.url ? [urlConfigBody(fn.arn, fn.url, ctx.region)] : []),
        ...(fn.aliases ?? []).flatMap((alias) => (alias.url ? [urlConfigBody(alias.arn, alias.url, ctx.region)] : [])),
      ];
      const result = page(urls, ctx.params.get("Marker"), maxItems(ctx, 50, 50), "lambda");
      return { FunctionUrlConfigs: result.items, NextMarker: result.next };
    },
    GetFunctionCodeSigningConfig(ctx) {
      const fn = functionOf(ctx);
      // A function without a code signing config is answered 200 with an empty ARN, not 404.
      return { CodeSigningConfigArn: fn.codeSigningConfig?.arn ?? "", FunctionName: fn.name };
    },
    GetCodeSigningConfig(ctx) {
      const csc = ctx.index.codeSigningConfigsByArn.get(ctx.labels.CodeSigningConfigArn ?? "");
      if (!csc || csc.region !== ctx.region) {
        throw notFound(`Code signing configuration not found: ${ctx.labels.CodeSigningConfigArn ?? ""}`);
      }
      return { CodeSigningConfig: codeSigningConfigBody(csc) };
    },
    ListCodeSigningConfigs(ctx) {
      const configs = ctx.index.codeSigningConfigsByRegion.get(ctx.region) ?? [];
      const result = page(configs, ctx.params.get("Marker"), maxItems(ctx, 50, 10_000), "lambda");
      return { CodeSigningConfigs: result.items.map(codeSigningConfigBody), NextMarker: result.next };
    },
    ListFunctionsByCodeSigningConfig(ctx) {
      const csc = ctx.index.codeSigningConfigsByArn.get(ctx.labels.CodeSigningConfigArn ?? "");
      if (!csc || csc.region !== ctx.region) {
        throw notFound(`Code signing configuration not found: ${ctx.labels.CodeSigningConfigArn ?? ""}`);
      }
      const result = page(csc.functionArns, ctx.params.get("Marker"), maxItems(ctx, 50, 10_000), "lambda");
      return { FunctionArns: result.items, NextMarker: result.next };
    },
    GetRuntimeManagementConfig(ctx) {
      const fn = functionOf(ctx);
      // null in the account description: none to read (a container image function); answered as not found.
      if (fn.runtimeManagement === null) throw notFound();
      const config = fn.runtimeManagement ?? { updateRuntimeOn: "Auto" as const, runtimeVersionArn: null };
      return {
        UpdateRuntimeOn: config.updateRuntimeOn,
        RuntimeVersionArn: config.runtimeVersionArn ?? undefined,
        FunctionArn: `${fn.arn}:$LATEST`,
      };
    },
    GetFunctionEventInvokeConfig(ctx) {
      const fn = functionOf(ctx);
      const config = fn.eventInvokeConfig;
      if (!config) throw notFound(`The function ${fn.arn} doesn't have an EventInvokeConfig`);
      return {
        LastModified: epochSeconds("2026-01-01T00:00:00Z"),
        FunctionArn: `${fn.arn}:$LATEST`,
        MaximumRetryAttempts: config.maximumRetryAttempts ?? undefined,
        MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds ?? undefined,
        DestinationConfig: {
          OnSuccess: config.onSuccessDestination ? { Destination: config.onSuccessDestination } : {},
          OnFailure: config.onFailureDestination ? { Destination: config.onFailureDestination } : {},
        },
      };
    },
    ListEventSourceMappings(ctx) {
      let mappings = ctx.index.eventSourceMappingsByRegion.get(ctx.region) ?? [];
      const functionName = ctx.params.get("FunctionName");
      if (functionName) {
        const fn = resolveFunctionName(ctx.index, ctx.region, functionName);
        if (!fn) throw notFound(`Function not found: ${functionName}`);
        mappings = mappings.filter((mapping) => mapping.functionArn === fn.arn);
      }
      const sourceArn = ctx.params.get("EventSourceArn");
      if (sourceArn) mappings = mappings.filter((mapping) => mapping.eventSourceArn === sourceArn);
      const result = page(mappings, ctx.params.get("Marker"), maxItems(ctx, 100, 10_000), "lambda");
      return {
        EventSourceMappings: result.items.map((mapping) => ({
          UUID: mapping.uuid,
          BatchSize: mapping.batchSize ?? 10,
          EventSourceArn: mapping.eventSourceArn ?? undefined,
          FunctionArn: mapping.functionArn,
          LastModified: epochSeconds("2026-01-01T00:00:00Z"),
          State: mapping.state ?? "Enabled",
          StateTransitionReason: "USER_INITIATED",
          MaximumRetryAttempts: mapping.maximumRetryAttempts ?? undefined,
          BisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError ?? undefined,
          DestinationConfig: mapping.onFailureDestination
            ? { OnFailure: { Destination: mapping.onFailureDestination } }
            : undefined,
          FilterCriteria: mapping.hasFilterCriteria ? { Filters: [{ Pattern: '{"body":{"type":["order"]}}' }] } : undefined,
          KMSKeyArn: mapping.kmsKeyArn ?? undefined,
          EventSourceMappingArn: `arn:${ctx.index.account.partition}:lambda:${ctx.region}:${ctx.index.account.accountId}:event-source-mapping:${mapping.uuid}`,
        })),
        NextMarker: result.next,
      };
    },
    GetFunctionRecursionConfig(ctx) {
      // Lambda's default is Terminate.
      return { RecursiveLoop: functionOf(ctx).recursiveLoop ?? "Terminate" };
    },
    ListCapacityProviders(ctx) {
      const providers = ctx.index.capacityProvidersByRegion.get(ctx.region) ?? [];
      const result = page(providers, ctx.params.get("Marker"), maxItems(ctx, 50, 50), "lambda");
      return { CapacityProviders: result.items.map(capacityProviderBody), NextMarker: result.next };
    },
    GetCapacityProvider(ctx) {
      const reference = ctx.labels.CapacityProviderName ?? "";
      const name = reference.startsWith("arn:") ? reference.slice(reference.lastIndexOf(":") + 1) : reference;
      const provider = (ctx.index.capacityProvidersByRegion.get(ctx.region) ?? []).find((candidate) => candidate.name === name);
      if (!provider) throw notFound(`Capacity provider not found: ${reference}`);
      return { CapacityProvider: capacityProviderBody(provider) };
    },
    GetLayerVersionPolicy(ctx) {
      const arn = layerVersionArn(ctx);
      const layer = ctx.index.layerVersions.get(arn);
      if (!layer) throw notFound();
      if (!layer.policy) throw notFound("No policy is associated with the given resource.");
      return { Policy: JSON.stringify(layer.policy), RevisionId: revisionId(`${arn}/policy`) };
    },
  },
};
