import type { HttpApi } from "../src/snapshot/schema.js";
import { lambdaInvocationUri } from "./apigateway.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError, page } from "./protocol.js";

/**
 * API Gateway v2 (HTTP and WebSocket APIs), REST-JSON with camelCase member names
 * (`{ "items": [...], "nextToken": "..." }`); maxResults is a string in the model.
 */

function apiOf(ctx: CallContext): HttpApi {
  const id = ctx.labels.ApiId ?? "";
  const api = (ctx.index.httpApisByRegion.get(ctx.region) ?? []).find((candidate) => candidate.id === id);
  if (!api) throw new AwsError("NotFoundException", `Invalid API identifier specified ${ctx.index.account.accountId}:${id}`, 404);
  return api;
}

function pageOf<T>(ctx: CallContext, items: readonly T[]): { items: T[]; next: string | undefined } {
  const raw = ctx.params.get("maxResults");
  const size = raw ? Number(raw) : 25;
  if (!Number.isInteger(size) || size < 1) throw new AwsError("BadRequestException", "Invalid maxResults", 400);
  return page(items, ctx.params.get("nextToken"), Math.min(size, 500), "apigatewayv2");
}

function stageVariables(ctx: CallContext, apiId: string, stageName: string, classified: { key: string; valueLength: number }[] | undefined) {
  const values = ctx.index.account.stageVariableValues?.[`${apiId}/${stageName}`];
  if (values) return values;
  if (!classified || classified.length === 0) return undefined;
  return Object.fromEntries(classified.map((entry) => [entry.key, "v".repeat(entry.valueLength)]));
}

export const apiGatewayV2Handlers: ServiceHandlers = {
  service: "apigatewayv2",
  resourceOf: (ctx) => ctx.labels.ApiId ?? null,
  handlers: {
    GetApis(ctx) {
      const result = pageOf(ctx, ctx.index.httpApisByRegion.get(ctx.region) ?? []);
      return {
        items: result.items.map((api) => ({
          apiId: api.id,
          name: api.name,
          protocolType: api.protocolType,
          apiEndpoint: api.apiEndpoint ?? `https://${api.id}.execute-api.${ctx.region}.amazonaws.com`,
          apiKeySelectionExpression: "$request.header.x-api-key",
          routeSelectionExpression:
            api.protocolType === "WEBSOCKET" ? "$request.body.action" : "$request.method $request.path",
          corsConfiguration: api.cors
            ? { allowOrigins: api.cors.allowOrigins, allowCredentials: api.cors.allowCredentials }
            : undefined,
          createdDate: "2025-06-01T00:00:00Z",
          disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
          ipAddressType: "ipv4",
          tags: {},
        })),
        nextToken: result.next,
      };
    },
    GetRoutes(ctx) {
      const result = pageOf(ctx, apiOf(ctx).routes ?? []);
      return {
        items: result.items.map((route) => ({
          routeId: route.id,
          routeKey: route.routeKey,
          authorizationType: route.authorizationType,
          authorizerId: route.authorizerId ?? undefined,
          apiKeyRequired: route.apiKeyRequired ?? false,
          target: route.target ?? undefined,
          apiGatewayManaged: false,
        })),
        nextToken: result.next,
      };
    },
    GetIntegrations(ctx) {
      const result = pageOf(ctx, apiOf(ctx).integrations ?? []);
      return {
        items: result.items.map((integration) => ({
          integrationId: integration.id,
          integrationType: integration.type,
          integrationUri:
            integration.uri ??
            (integration.functionArn
              ? integration.functionQualifier
                ? `${integration.functionArn}:${integration.functionQualifier}`
                : integration.functionArn
              : undefined),
          integrationMethod: "POST",
          payloadFormatVersion: "2.0",
          connectionType: "INTERNET",
          timeoutInMillis: 30000,
        })),
        nextToken: result.next,
      };
    },
    GetAuthorizers(ctx) {
      const result = pageOf(ctx, apiOf(ctx).authorizers ?? []);
      return {
        items: result.items.map((authorizer) => ({
          authorizerId: authorizer.id,
          name: authorizer.name,
          authorizerType: authorizer.type,
          authorizerUri: authorizer.functionArn ? lambdaInvocationUri(ctx.region, authorizer.functionArn) : undefined,
          authorizerPayloadFormatVersion: authorizer.type === "REQUEST" ? "2.0" : undefined,
          identitySource: ["$request.header.Authorization"],
          jwtConfiguration:
            authorizer.type === "JWT" ? { audience: ["stub"], issuer: "https://issuer.example.com" } : undefined,
        })),
        nextToken: result.next,
      };
    },
    GetStages(ctx) {
      const api = apiOf(ctx);
      const result = pageOf(ctx, api.stages ?? []);
      return {
        items: result.items.map((stage) => ({
          stageName: stage.name,
          accessLogSettings: stage.accessLogDestinationArn
            ? { destinationArn: stage.accessLogDestinationArn, format: '{"requestId":"$context.requestId"}' }
            : undefined,
          autoDeploy: stage.autoDeploy ?? false,
          createdDate: "2025-06-01T00:00:00Z",
          lastUpdatedDate: "2025-07-01T00:00:00Z",
          defaultRouteSettings: {
            detailedMetricsEnabled: stage.detailedMetricsEnabled ?? false,
            throttlingBurstLimit: stage.defaultRouteThrottling?.burstLimit,
            throttlingRateLimit: stage.defaultRouteThrottling?.rateLimit,
          },
          routeSettings: {},
          stageVariables: stageVariables(ctx, api.id, stage.name, stage.variables),
          tags: {},
        })),
        nextToken: result.next,
      };
    },
  },
};
