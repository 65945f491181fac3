import {
  GetAuthorizersCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  type APIGatewayClient,
  type RestApi as AwsRestApi,
} from "@aws-sdk/client-api-gateway";
import type { RestApi, RestStage } from "../snapshot/schema.js";
import { classifyVariables } from "../snapshot/secrets.js";
import type { CollectContext } from "./context.js";
import { decodePolicyDocument, unreadable } from "./documents.js";
import { invokedFunction } from "./integrations.js";

const PAGE_SIZE = 500;

/**
 * API Gateway REST APIs of a region: GetRestApis, then per API GetResources with the methods (and
 * their integrations) embedded, GetAuthorizers and GetStages. API Gateway's management quota is per
 * account, so the calls are O(APIs + resource pages), never O(functions). Undefined: not read (not
 * wanted, or the listing failed on its first page).
 */
export async function collectRestApis(ctx: CollectContext, region: string): Promise<RestApi[] | undefined> {
  if (!ctx.wants("apigateway:GetRestApis")) return undefined;
  const client = ctx.clients.apiGateway(region);
  const items: AwsRestApi[] = [];
  const listing = await ctx.paginate(
    client,
    (position) => new GetRestApisCommand({ limit: PAGE_SIZE, ...(position ? { position } : {}) }),
    { service: "apigateway", region },
    {
      nextToken: (page) => page.position,
      onPage: (page) => {
        items.push(...(page.items ?? []).filter((api) => api.id));
      },
      notFound: "gap",
    },
  );
  // Not listed at all: the region's APIs are unknown (its region-wide gap says why).
  if (listing.status === "failed") return undefined;
  const apis = await Promise.all(items.map((item) => collectRestApi(ctx, client, region, item)));
  return apis.sort((a, b) => a.arn.localeCompare(b.arn));
}

async function collectRestApi(ctx: CollectContext, client: APIGatewayClient, region: string, item: AwsRestApi): Promise<RestApi> {
  const id = item.id as string;
  const arn = `arn:${ctx.partition}:apigateway:${region}::/restapis/${id}`;
  const api: RestApi = { id, arn, name: item.name ?? id, region };
  // What the answer leaves out, it names none of: no endpoint type, the default endpoint left on.
  api.endpointTypes = item.endpointConfiguration?.types ?? [];
  api.disableExecuteApiEndpoint = item.disableExecuteApiEndpoint ?? false;
  if (item.apiKeySource) api.apiKeySource = item.apiKeySource;
  if (item.policy) {
    const policy = decodePolicyDocument(item.policy);
    if (policy) api.policy = policy;
    else unreadable(ctx, "apigateway", "GetRestApis", region, arn);
  } else api.policy = null;

  const target = { service: "apigateway" as const, region, resourceArn: arn };
  await Promise.all([
    ctx.wants("apigateway:GetResources") ? collectResources(ctx, client, target, api) : undefined,
    ctx.wants("apigateway:GetAuthorizers") ? collectAuthorizers(ctx, client, target, api) : undefined,
    ctx.wants("apigateway:GetStages") ? collectStages(ctx, client, target, api) : undefined,
  ]);
  return api;
}

type Target = { service: "apigateway"; region: string; resourceArn: string };

async function collectResources(ctx: CollectContext, client: APIGatewayClient, target: Target, api: RestApi): Promise<void> {
  const resources: NonNullable<RestApi["resources"]> = [];
  const result = await ctx.paginate(
    client,
    // embed=methods returns each method with its integration, saving a call per method.
    (position) => new GetResourcesCommand({ restApiId: api.id, embed: ["methods"], limit: PAGE_SIZE, ...(position ? { position } : {}) }),
    target,
    {
      nextToken: (page) => page.position,
      onPage: (page) => {
        for (const resource of page.items ?? []) {
          if (!resource.id) continue;
          const methods = Object.entries(resource.resourceMethods ?? {}).map(([verb, method]) => {
            const integration = method.methodIntegration;
            return {
              httpMethod: method.httpMethod ?? verb,
              authorizationType: method.authorizationType ?? "NONE",
              authorizerId: method.authorizerId ?? null,
              apiKeyRequired: method.apiKeyRequired ?? false,
              integration: integration
                ? { type: integration.type ?? "UNKNOWN", uri: integration.uri ?? null, ...invokedFunction(integration.uri) }
                : null,
            };
          });
          resources.push({ id: resource.id, path: resource.path ?? "/", methods });
        }
      },
      notFound: "gap",
    },
  );
  if (result.status !== "failed") api.resources = resources.sort((a, b) => a.path.localeCompare(b.path));
}

async function collectAuthorizers(ctx: CollectContext, client: APIGatewayClient, target: Target, api: RestApi): Promise<void> {
  const authorizers: NonNullable<RestApi["authorizers"]> = [];
  const result = await ctx.paginate(
    client,
    (position) => new GetAuthorizersCommand({ restApiId: api.id, limit: PAGE_SIZE, ...(position ? { position } : {}) }),
    target,
    {
      nextToken: (page) => page.position,
      onPage: (page) => {
        for (const authorizer of page.items ?? []) {
          if (!authorizer.id) continue;
          authorizers.push({
            id: authorizer.id,
            name: authorizer.name ?? authorizer.id,
            type: authorizer.type ?? "UNKNOWN",
            functionArn: invokedFunction(authorizer.authorizerUri).functionArn,
          });
        }
      },
      notFound: "gap",
    },
  );
  if (result.status !== "failed") api.authorizers = authorizers;
}

async function collectStages(ctx: CollectContext, client: APIGatewayClient, target: Target, api: RestApi): Promise<void> {
  const outcome = await ctx.call(client, new GetStagesCommand({ restApiId: api.id }), target, { notFound: "gap" });
  if (!outcome.ok) return;
  const stages: RestStage[] = [];
  for (const stage of outcome.value.item ?? []) {
    if (!stage.stageName) continue;
    const methodSettings: RestStage["methodSettings"] = {};
    for (const [path, settings] of Object.entries(stage.methodSettings ?? {})) {
      methodSettings[path] = {
        ...(settings.loggingLevel ? { loggingLevel: settings.loggingLevel } : {}),
        ...(settings.dataTraceEnabled !== undefined ? { dataTraceEnabled: settings.dataTraceEnabled } : {}),
        ...(settings.metricsEnabled !== undefined ? { metricsEnabled: settings.metricsEnabled } : {}),
        ...(settings.throttlingBurstLimit !== undefined ? { throttlingBurstLimit: settings.throttlingBurstLimit } : {}),
        ...(settings.throttlingRateLimit !== undefined ? { throttlingRateLimit: settings.throttlingRateLimit } : {}),
        ...(settings.cachingEnabled !== undefined ? { cachingEnabled: settings.cachingEnabled } : {}),
        ...(settings.cacheDataEncrypted !== undefined ? { cacheDataEncrypted: settings.cacheDataEncrypted } : {}),
      };
    }
    stages.push({
      name: stage.stageName,
      arn: `${api.arn}/stages/${stage.stageName}`,
      ...(stage.deploymentId ? { deploymentId: stage.deploymentId } : {}),
      accessLogDestinationArn: stage.accessLogSettings?.destinationArn ?? null,
      tracingEnabled: stage.tracingEnabled ?? false,
      webAclArn: stage.webAclArn ?? null,
      clientCertificateId: stage.clientCertificateId ?? null,
      cacheClusterEnabled: stage.cacheClusterEnabled ?? false,
      methodSettings,
      // Stage variables can hold credentials as environment variables do: classified, values dropped.
      // A stage without variables has none in GetStages' answer: that is [], not "not read".
      variables: await classifyVariables(stage.variables ?? {}),
    });
  }
  api.stages = stages.sort((a, b) => a.name.localeCompare(b.name));
}
