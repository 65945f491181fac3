import {
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Api,
  type ApiGatewayV2Client,
} from "@aws-sdk/client-apigatewayv2";
import type { HttpApi, HttpStage } from "../snapshot/schema.js";
import { classifyVariables } from "../snapshot/secrets.js";
import type { CollectContext, CommandOutput, PageResult } from "./context.js";
import { invokedFunction } from "./integrations.js";

/** API Gateway v2 takes MaxResults as a string. */
const PAGE_SIZE = "500";

type Target = { service: "apigatewayv2"; region: string; resourceArn: string };

/**
 * API Gateway HTTP and WebSocket APIs of a region: GetApis, then per API GetRoutes, GetIntegrations,
 * GetAuthorizers and GetStages, each paginated with NextToken. Undefined: not read (not wanted, or
 * the listing failed on its first page).
 */
export async function collectHttpApis(ctx: CollectContext, region: string): Promise<HttpApi[] | undefined> {
  if (!ctx.wants("apigatewayv2:GetApis")) return undefined;
  const client = ctx.clients.apiGatewayV2(region);
  const items: Api[] = [];
  const listing = await ctx.paginate(client, (token) => new GetApisCommand(page(token)), { service: "apigatewayv2", region }, {
    nextToken: (output) => output.NextToken,
    onPage: (output) => {
      items.push(...(output.Items ?? []).filter((api) => api.ApiId));
    },
    notFound: "gap",
  });
  // Not listed at all: the region's APIs are unknown (its region-wide gap says why).
  if (listing.status === "failed") return undefined;
  const apis = await Promise.all(items.map((item) => collectHttpApi(ctx, client, region, item)));
  return apis.sort((a, b) => a.arn.localeCompare(b.arn));
}

async function collectHttpApi(ctx: CollectContext, client: ApiGatewayV2Client, region: string, item: Api): Promise<HttpApi> {
  const id = item.ApiId as string;
  const arn = `arn:${ctx.partition}:apigateway:${region}::/apis/${id}`;
  const api: HttpApi = {
    id,
    arn,
    name: item.Name ?? id,
    region,
    protocolType: item.ProtocolType === "WEBSOCKET" ? "WEBSOCKET" : "HTTP",
    cors: item.CorsConfiguration
      ? {
          ...(item.CorsConfiguration.AllowOrigins ? { allowOrigins: item.CorsConfiguration.AllowOrigins } : {}),
          ...(item.CorsConfiguration.AllowCredentials !== undefined
            ? { allowCredentials: item.CorsConfiguration.AllowCredentials }
            : {}),
        }
      : null,
  };
  if (item.ApiEndpoint) api.apiEndpoint = item.ApiEndpoint;
  // Left out of the answer: the default endpoint is on (AWS's default).
  api.disableExecuteApiEndpoint = item.DisableExecuteApiEndpoint ?? false;
  const target: Target = { service: "apigatewayv2", region, resourceArn: arn };

  const tasks: Promise<void>[] = [];
  if (ctx.wants("apigatewayv2:GetRoutes")) {
    tasks.push(
      listAll(ctx, client, target, (token) => new GetRoutesCommand({ ApiId: id, ...page(token) })).then(
        ({ items: routes, result }) => {
          if (result.status === "failed") return;
          api.routes = routes
            .filter((route) => route.RouteId && route.RouteKey)
            .map((route) => ({
              id: route.RouteId as string,
              routeKey: route.RouteKey as string,
              authorizationType: route.AuthorizationType ?? "NONE",
              authorizerId: route.AuthorizerId ?? null,
              apiKeyRequired: route.ApiKeyRequired ?? false,
              target: route.Target ?? null,
            }));
        },
      ),
    );
  }
  if (ctx.wants("apigatewayv2:GetIntegrations")) {
    tasks.push(
      listAll(ctx, client, target, (token) => new GetIntegrationsCommand({ ApiId: id, ...page(token) })).then(
        ({ items: integrations, result }) => {
          if (result.status === "failed") return;
          api.integrations = integrations
            .filter((integration) => integration.IntegrationId)
            .map((integration) => ({
              id: integration.IntegrationId as string,
              type: integration.IntegrationType ?? "UNKNOWN",
              uri: integration.IntegrationUri ?? null,
              ...invokedFunction(integration.IntegrationUri),
            }));
        },
      ),
    );
  }
  if (ctx.wants("apigatewayv2:GetAuthorizers")) {
    tasks.push(
      listAll(ctx, client, target, (token) => new GetAuthorizersCommand({ ApiId: id, ...page(token) })).then(
        ({ items: authorizers, result }) => {
          if (result.status === "failed") return;
          api.authorizers = authorizers
            .filter((authorizer) => authorizer.AuthorizerId)
            .map((authorizer) => ({
              id: authorizer.AuthorizerId as string,
              name: authorizer.Name ?? (authorizer.AuthorizerId as string),
              type: authorizer.AuthorizerType ?? "UNKNOWN",
              functionArn: invokedFunction(authorizer.AuthorizerUri).functionArn,
            }));
        },
      ),
    );
  }
  if (ctx.wants("apigatewayv2:GetStages")) {
    tasks.push(
      listAll(ctx, client, target, (token) => new GetStagesCommand({ ApiId: id, ...page(token) })).then(
        async ({ items: stages, result }) => {
          if (result.status === "failed") return;
          const mapped: HttpStage[] = [];
          for (const stage of stages) {
            if (!stage.StageName) continue;
            const route = stage.DefaultRouteSettings;
            mapped.push({
              name: stage.StageName,
              arn: `${arn}/stages/${stage.StageName}`,
              accessLogDestinationArn: stage.AccessLogSettings?.DestinationArn ?? null,
              autoDeploy: stage.AutoDeploy ?? false,
              defaultRouteThrottling:
                route && (route.ThrottlingBurstLimit !== undefined || route.ThrottlingRateLimit !== undefined)
                  ? {
                      ...(route.ThrottlingBurstLimit !== undefined ? { burstLimit: route.ThrottlingBurstLimit } : {}),
                      ...(route.ThrottlingRateLimit !== undefined ? { rateLimit: route.ThrottlingRateLimit } : {}),
                    }
                  : null,
              detailedMetricsEnabled: route?.DetailedMetricsEnabled ?? false,
              // A stage without variables has none in the answer: [], not "not read".
              variables: await classifyVariables(stage.StageVariables ?? {}),
            });
          }
          api.stages = mapped.sort((a, b) => a.name.localeCompare(b.name));
        },
      ),
    );
  }
  await Promise.all(tasks);
  return api;
}

/** The paging part of every API Gateway v2 list request. */
function page(token: string | undefined): { MaxResults: string; NextToken?: string } {
  return { MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) };
}

/** The items of a v2 list answer: every one shares the Items / NextToken shape. */
type ItemOf<C> = CommandOutput<C> extends { Items?: (infer I)[] } ? I : never;
interface ListPage<I> {
  Items?: I[];
  NextToken?: string;
}

/** Every page of one of the per-API lists. */
async function listAll<C extends object>(
  ctx: CollectContext,
  client: ApiGatewayV2Client,
  target: Target,
  command: (token: string | undefined) => C,
): Promise<{ items: ItemOf<C>[]; result: PageResult }> {
  const items: ItemOf<C>[] = [];
  const result = await ctx.paginate(client, command, target, {
    nextToken: (output) => (output as ListPage<ItemOf<C>>).NextToken,
    onPage: (output) => {
      items.push(...((output as ListPage<ItemOf<C>>).Items ?? []));
    },
    notFound: "gap",
  });
  return { items, result };
}
