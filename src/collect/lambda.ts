import {
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsByCodeSigningConfigCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  type FunctionConfiguration,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { parseLayerVersionArn, unqualifiedFunctionArn } from "../arn.js";
import type { ClassifiedAwsError } from "../aws/errors.js";
import type { EventSourceMapping, LambdaFunction, LayerVersion } from "../snapshot/schema.js";
import { classifyVariables } from "../snapshot/secrets.js";
import type { CollectContext, PageStatus } from "./context.js";
import { decodePolicyDocument, unreadable } from "./documents.js";

/** ListFunctions returns at most 50 functions a page. */
const FUNCTIONS_PAGE_SIZE = 50;
const MAPPINGS_PAGE_SIZE = 100;
/** ListCodeSigningConfigs and ListFunctionsByCodeSigningConfig return up to 10,000 items a page. */
const CODE_SIGNING_PAGE_SIZE = 10_000;

type CodeSigningConfig = NonNullable<LambdaFunction["codeSigningConfig"]>;

export interface LambdaRegionResult {
  region: string;
  functions: LambdaFunction[];
  /** Absent when ListEventSourceMappings was not wanted or its first page failed. */
  eventSourceMappings: EventSourceMapping[];
  layerVersions: LayerVersion[];
  /** How the ListFunctions listing ended; `failed` means the region could not be read at all. */
  listing: PageStatus;
  /** The error of a failed listing, to tell an unreachable region from a denied one. */
  listingError?: ClassifiedAwsError;
}

export interface LambdaHooks {
  /** Called with each execution role ARN as soon as a function using it is listed (for IAM). */
  onRole?: (roleArn: string) => void;
}

/** The region's shared memo: each own layer version is read once. */
interface RegionMemo {
  layerVersions: Map<string, Promise<LayerVersion | undefined>>;
}

/** Which code signing config each function of a region uses, read per region (DESIGN section 9). */
interface CodeSigningIndex {
  /** Unqualified function ARN -> the config whose function list names it. */
  byFunction: Map<string, CodeSigningConfig>;
  /**
   * True when every config and every config's function list was read in full: only then does a
   * function named in no list have no config (null). Otherwise its membership is unknown (absent).
   */
  complete: boolean;
}

/**
 * Lambda, per region: ListFunctions (pages of 50) and, per function, the reads the selected checks
 * need. GetFunction (100/s quota) supplies tags and reserved concurrency; when it is denied
 * (SecurityAudit lacks lambda:GetFunction) ListTags and GetFunctionConcurrency take its place.
 * ListEventSourceMappings runs once per region, and so does code signing: ListCodeSigningConfigs,
 * then ListFunctionsByCodeSigningConfig per config (O(configs) calls, not one per function).
 * Functions are worked on as soon as their page arrives, within the region's concurrency bound.
 */
export async function collectLambda(ctx: CollectContext, region: string, hooks: LambdaHooks = {}): Promise<LambdaRegionResult> {
  const client = ctx.clients.lambda(region);
  const memo: RegionMemo = { layerVersions: new Map() };
  const functionLimit = ctx.functionLimit(region);
  const pending: Promise<LambdaFunction>[] = [];

  const mappingsPromise = ctx.wants("lambda:ListEventSourceMappings")
    ? collectEventSourceMappings(ctx, client, region)
    : Promise.resolve([]);
  // Started with the first page that lists a function: a region with none (or one that cannot be
  // read at all) costs no code signing call and records no second gap.
  const wantsCodeSigning = ctx.wants("lambda:ListCodeSigningConfigs") || ctx.wants("lambda:ListFunctionsByCodeSigningConfig");
  let codeSigningPromise: Promise<CodeSigningIndex> | undefined;

  const listing = await ctx.paginate(
    { service: "lambda", region },
    (marker) => {
      const command = new ListFunctionsCommand({ MaxItems: FUNCTIONS_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) });
      return { command, send: () => client.send(command) };
    },
    (page) => page.NextMarker,
    (page) => {
      const configurations = (page.Functions ?? []).filter((cfg) => cfg.FunctionArn && cfg.FunctionName);
      ctx.counters.functionsListed += configurations.length;
      ctx.progress("functionsListed", { region });
      if (wantsCodeSigning && configurations.length > 0) codeSigningPromise ??= collectCodeSigningIndex(ctx, client, region);
      for (const cfg of configurations) {
        if (cfg.Role) hooks.onRole?.(cfg.Role);
        pending.push(
          functionLimit(async () => {
            const fn = await collectFunction(ctx, client, region, cfg, memo);
            ctx.counters.functionsCollected += 1;
            ctx.progress("functionCollected", { region });
            return fn;
          }),
        );
      }
    },
    { notFound: "gap" },
  );

  const functions = await Promise.all(pending);
  if (codeSigningPromise) applyCodeSigning(functions, await codeSigningPromise);
  const eventSourceMappings = await mappingsPromise;
  const layerVersions = (await Promise.all(memo.layerVersions.values())).filter(
    (layer): layer is LayerVersion => layer !== undefined,
  );
  return {
    region,
    functions: functions.sort((a, b) => a.arn.localeCompare(b.arn)),
    eventSourceMappings,
    layerVersions: layerVersions.sort((a, b) => a.arn.localeCompare(b.arn)),
    listing: listing.status,
    ...(listing.error ? { listingError: listing.error } : {}),
  };
}

const TRACING_MODES = new Set(["Active", "PassThrough"]);
const LOG_FORMATS = new Set(["Text", "JSON"]);

/** The configuration ListFunctions already returned, in snapshot form (environment excluded). */
function fromConfiguration(cfg: FunctionConfiguration, region: string): LambdaFunction {
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
async function classifyEnvironment(ctx: CollectContext, cfg: FunctionConfiguration, fn: LambdaFunction, region: string) {
  const environment = cfg.Environment;
  if (environment?.Error) {
    ctx.addGap({
      service: "lambda",
      operation: "ListFunctions",
      region,
      resourceArn: fn.arn,
      errorCode: environment.Error.ErrorCode ?? "EnvironmentError",
      message: "Lambda returned an error instead of the environment variables (is kms:Decrypt allowed?)",
    });
    return;
  }
  const variables = environment?.Variables;
  fn.environment = variables && Object.keys(variables).length > 0 ? await classifyVariables(variables) : null;
}

async function collectFunction(
  ctx: CollectContext,
  client: LambdaClient,
  region: string,
  cfg: FunctionConfiguration,
  memo: RegionMemo,
): Promise<LambdaFunction> {
  const fn = fromConfiguration(cfg, region);
  const target = { service: "lambda" as const, region, resourceArn: fn.arn };
  const name = fn.arn;
  const tasks: Promise<void>[] = [classifyEnvironment(ctx, cfg, fn, region)];

  if (ctx.wants("lambda:GetFunction")) {
    tasks.push(
      (async () => {
        const command = new GetFunctionCommand({ FunctionName: name });
        const outcome = await ctx.call(target, command, () => client.send(command), { notFound: "gap" });
        if (outcome.ok) {
          // The code location (a presigned URL) is ignored: the code is never downloaded.
          const output = outcome.value;
          fn.tags = output.Tags ?? {};
          fn.reservedConcurrency = output.Concurrency?.ReservedConcurrentExecutions ?? null;
          if (fn.packageType === "Image") fn.imageUri = output.Code?.ImageUri ?? null;
          if (output.Configuration?.State) fn.state = output.Configuration.State;
          return;
        }
        if (outcome.notFound) return;
        await collectFunctionFallback(ctx, client, target, fn);
      })(),
    );
  }

  if (ctx.wants("lambda:GetPolicy")) {
    tasks.push(
      (async () => {
        const command = new GetPolicyCommand({ FunctionName: name });
        // GetPolicy answers ResourceNotFoundException when a function has no policy: that is null, not a gap.
        const outcome = await ctx.call(target, command, () => client.send(command));
        if (outcome.ok) {
          const document = decodePolicyDocument(outcome.value.Policy);
          if (document) fn.resourcePolicy = document;
          else unreadable(ctx, "lambda", "GetPolicy", region, fn.arn);
        } else if (outcome.notFound) fn.resourcePolicy = null;
      })(),
    );
  }

  if (ctx.wants("lambda:GetFunctionUrlConfig")) {
    tasks.push(
      (async () => {
        const command = new GetFunctionUrlConfigCommand({ FunctionName: name });
        const outcome = await ctx.call(target, command, () => client.send(command));
        if (outcome.ok) {
          const url = outcome.value;
          if (url.AuthType !== "NONE" && url.AuthType !== "AWS_IAM") return unexpected(ctx, "GetFunctionUrlConfig", region, fn.arn, "AuthType");
          const cors = url.Cors;
          fn.url = {
            authType: url.AuthType,
            ...(url.FunctionUrl ? { url: url.FunctionUrl } : {}),
            ...(url.InvokeMode ? { invokeMode: url.InvokeMode } : {}),
            cors: cors
              ? {
                  ...(cors.AllowOrigins ? { allowOrigins: cors.AllowOrigins } : {}),
                  ...(cors.AllowMethods ? { allowMethods: cors.AllowMethods } : {}),
                  ...(cors.AllowHeaders ? { allowHeaders: cors.AllowHeaders } : {}),
                  ...(cors.ExposeHeaders ? { exposeHeaders: cors.ExposeHeaders } : {}),
                  ...(cors.AllowCredentials !== undefined ? { allowCredentials: cors.AllowCredentials } : {}),
                  ...(cors.MaxAge !== undefined ? { maxAge: cors.MaxAge } : {}),
                }
              : null,
          };
        } else if (outcome.notFound) fn.url = null;
      })(),
    );
  }

  if (ctx.wants("lambda:GetRuntimeManagementConfig")) {
    if (fn.packageType === "Image") {
      // Container images bring their own runtime: there is no runtime management configuration.
      fn.runtimeManagement = null;
    } else {
      tasks.push(
        (async () => {
          const command = new GetRuntimeManagementConfigCommand({ FunctionName: name });
          const outcome = await ctx.call(target, command, () => client.send(command));
          if (outcome.ok) {
            const mode = outcome.value.UpdateRuntimeOn;
            if (mode !== "Auto" && mode !== "FunctionUpdate" && mode !== "Manual") {
              return unexpected(ctx, "GetRuntimeManagementConfig", region, fn.arn, "UpdateRuntimeOn");
            }
            fn.runtimeManagement = { updateRuntimeOn: mode, runtimeVersionArn: outcome.value.RuntimeVersionArn ?? null };
          } else if (outcome.notFound) fn.runtimeManagement = null;
        })(),
      );
    }
  }

  // A function with a dead-letter queue already handles failed asynchronous events; its
  // destinations cannot change any check's answer, so the call is skipped (DESIGN section 9).
  if (ctx.wants("lambda:GetFunctionEventInvokeConfig") && !fn.deadLetterTargetArn) {
    tasks.push(
      (async () => {
        const command = new GetFunctionEventInvokeConfigCommand({ FunctionName: name });
        const outcome = await ctx.call(target, command, () => client.send(command));
        if (outcome.ok) {
          const output = outcome.value;
          fn.eventInvokeConfig = {
            maximumRetryAttempts: output.MaximumRetryAttempts ?? null,
            maximumEventAgeInSeconds: output.MaximumEventAgeInSeconds ?? null,
            onSuccessDestination: output.DestinationConfig?.OnSuccess?.Destination ?? null,
            onFailureDestination: output.DestinationConfig?.OnFailure?.Destination ?? null,
          };
        } else if (outcome.notFound) fn.eventInvokeConfig = null;
      })(),
    );
  }

  if (ctx.wants("lambda:GetLayerVersionPolicy")) {
    for (const layer of fn.layers ?? []) {
      if (parseLayerVersionArn(layer.arn)?.account !== ctx.accountId) continue;
      let promise = memo.layerVersions.get(layer.arn);
      if (!promise) {
        promise = collectLayerVersion(ctx, client, region, layer.arn);
        memo.layerVersions.set(layer.arn, promise);
      }
      tasks.push(promise.then(() => undefined));
    }
  }

  await Promise.all(tasks);
  return fn;
}

/** GetFunction was denied: read tags and reserved concurrency from the 15/s budget instead. */
async function collectFunctionFallback(
  ctx: CollectContext,
  client: LambdaClient,
  target: { service: "lambda"; region: string; resourceArn: string },
  fn: LambdaFunction,
): Promise<void> {
  const tasks: Promise<void>[] = [];
  if (ctx.wants("lambda:GetFunctionConfiguration")) {
    tasks.push(
      (async () => {
        const command = new GetFunctionConfigurationCommand({ FunctionName: fn.arn });
        const outcome = await ctx.call(target, command, () => client.send(command), { notFound: "gap" });
        if (outcome.ok && outcome.value.State) fn.state = outcome.value.State;
      })(),
    );
  }
  tasks.push(
    (async () => {
      const command = new ListTagsCommand({ Resource: fn.arn });
      const outcome = await ctx.call(target, command, () => client.send(command), { notFound: "gap" });
      if (outcome.ok) fn.tags = outcome.value.Tags ?? {};
    })(),
    (async () => {
      const command = new GetFunctionConcurrencyCommand({ FunctionName: fn.arn });
      const outcome = await ctx.call(target, command, () => client.send(command), { notFound: "gap" });
      if (outcome.ok) fn.reservedConcurrency = outcome.value.ReservedConcurrentExecutions ?? null;
    })(),
  );
  await Promise.all(tasks);
}

/**
 * Code signing, per region: ListCodeSigningConfigs returns each config with its policy and allowed
 * publishers; ListFunctionsByCodeSigningConfig then names the functions of each config. A failure
 * of either (after the SDK's retries) is a gap, and leaves `complete` false.
 */
async function collectCodeSigningIndex(ctx: CollectContext, client: LambdaClient, region: string): Promise<CodeSigningIndex> {
  const configs: CodeSigningConfig[] = [];
  const listing = await ctx.paginate(
    { service: "lambda", region },
    (marker) => {
      const command = new ListCodeSigningConfigsCommand({ MaxItems: CODE_SIGNING_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) });
      return { command, send: () => client.send(command) };
    },
    (page) => page.NextMarker,
    (page) => {
      for (const config of page.CodeSigningConfigs ?? []) {
        if (!config.CodeSigningConfigArn) continue;
        const enforcement = config.CodeSigningPolicies?.UntrustedArtifactOnDeployment;
        const publishers = config.AllowedPublishers?.SigningProfileVersionArns;
        configs.push({
          arn: config.CodeSigningConfigArn,
          ...(enforcement === "Enforce" || enforcement === "Warn" ? { untrustedArtifactOnDeployment: enforcement } : {}),
          ...(publishers ? { allowedPublisherArns: publishers } : {}),
        });
      }
    },
    { notFound: "gap" },
  );
  let complete = listing.status === "complete";
  const byFunction = new Map<string, CodeSigningConfig>();
  // The configs read before a failed later page are still listed: their functions are known.
  await Promise.all(
    configs.map(async (config) => {
      const result = await ctx.paginate(
        { service: "lambda", region, resourceArn: config.arn },
        (marker) => {
          const command = new ListFunctionsByCodeSigningConfigCommand({
            CodeSigningConfigArn: config.arn,
            MaxItems: CODE_SIGNING_PAGE_SIZE,
            ...(marker ? { Marker: marker } : {}),
          });
          return { command, send: () => client.send(command) };
        },
        (page) => page.NextMarker,
        (page) => {
          for (const arn of page.FunctionArns ?? []) byFunction.set(unqualifiedFunctionArn(arn), config);
        },
        { notFound: "gap" },
      );
      if (result.status !== "complete") complete = false;
    }),
  );
  return { byFunction, complete };
}

/**
 * A function named by a config's list uses that config; one named by none uses none when every list
 * was read, and is left unknown (absent) otherwise: missing data is never a pass.
 */
function applyCodeSigning(functions: LambdaFunction[], index: CodeSigningIndex): void {
  for (const fn of functions) {
    const config = index.byFunction.get(unqualifiedFunctionArn(fn.arn));
    if (config) {
      fn.codeSigningConfig = {
        ...config,
        ...(config.allowedPublisherArns ? { allowedPublisherArns: [...config.allowedPublisherArns] } : {}),
      };
    } else if (index.complete) fn.codeSigningConfig = null;
  }
}

async function collectLayerVersion(
  ctx: CollectContext,
  client: LambdaClient,
  region: string,
  arn: string,
): Promise<LayerVersion | undefined> {
  const parsed = parseLayerVersionArn(arn);
  if (!parsed) return undefined;
  const { version, layerArn: layerName } = parsed;
  const layerRegion = parsed.region || region;
  // A layer version lives in its own region; functions can only use layers of their region, but the
  // client is chosen from the ARN so that a surprise never reads the wrong region.
  const layerClient = layerRegion === region ? client : ctx.clients.lambda(layerRegion);
  const command = new GetLayerVersionPolicyCommand({ LayerName: layerName, VersionNumber: version });
  // No policy (ResourceNotFoundException): the layer version is shared with nobody.
  const outcome = await ctx.call({ service: "lambda", region: layerRegion, resourceArn: arn }, command, () =>
    layerClient.send(command),
  );
  if (outcome.ok) {
    const document = decodePolicyDocument(outcome.value.Policy);
    if (!document) {
      unreadable(ctx, "lambda", "GetLayerVersionPolicy", layerRegion, arn);
      return { arn, region: layerRegion };
    }
    return { arn, region: layerRegion, policy: document };
  }
  if (outcome.notFound) return { arn, region: layerRegion, policy: null };
  return { arn, region: layerRegion };
}

async function collectEventSourceMappings(ctx: CollectContext, client: LambdaClient, region: string): Promise<EventSourceMapping[]> {
  const mappings: EventSourceMapping[] = [];
  await ctx.paginate(
    { service: "lambda", region },
    (marker) => {
      const command = new ListEventSourceMappingsCommand({ MaxItems: MAPPINGS_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) });
      return { command, send: () => client.send(command) };
    },
    (page) => page.NextMarker,
    (page) => {
      for (const mapping of page.EventSourceMappings ?? []) {
        if (!mapping.UUID || !mapping.FunctionArn) continue;
        mappings.push({
          uuid: mapping.UUID,
          region,
          functionArn: mapping.FunctionArn,
          eventSourceArn: mapping.EventSourceArn ?? null,
          ...(mapping.State ? { state: mapping.State } : {}),
          ...(mapping.BatchSize !== undefined ? { batchSize: mapping.BatchSize } : {}),
          maximumRetryAttempts: mapping.MaximumRetryAttempts ?? null,
          bisectBatchOnFunctionError: mapping.BisectBatchOnFunctionError ?? null,
          onFailureDestination: mapping.DestinationConfig?.OnFailure?.Destination ?? null,
          hasFilterCriteria: (mapping.FilterCriteria?.Filters?.length ?? 0) > 0,
          kmsKeyArn: mapping.KMSKeyArn ?? null,
        });
      }
    },
    { notFound: "gap" },
  );
  return mappings.sort((a, b) => a.uuid.localeCompare(b.uuid));
}

/** A value outside what the snapshot schema allows: left absent rather than guessed. */
function unexpected(ctx: CollectContext, operation: string, region: string, resourceArn: string, field: string): void {
  ctx.addGap({
    service: "lambda",
    operation,
    region,
    resourceArn,
    errorCode: "UnexpectedResponse",
    message: `${operation} returned an unexpected ${field}`,
  });
}
