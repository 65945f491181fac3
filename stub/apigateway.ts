import type { RestApi } from "../src/snapshot/schema.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError, epochSeconds, page } from "./protocol.js";
import { hashString } from "./random.js";

/**
 * API Gateway REST management API (REST-JSON). Lists are `{ "item": [...], "position": "..." }`
 * (the SDK's `items` member has jsonName `item`). AWS returns a REST API's resource policy as a string
 * whose quotes are backslash-escaped (`{\"Version\":...}`), so the collectors must unescape it.
 */

function restApiOf(ctx: CallContext): RestApi {
  const id = ctx.labels.restApiId ?? "";
  const api = (ctx.index.restApisByRegion.get(ctx.region) ?? []).find((candidate) => candidate.id === id);
  if (!api) {
    throw new AwsError("NotFoundException", `Invalid API identifier specified ${ctx.index.account.accountId}:${id}`, 404);
  }
  return api;
}

function limitOf(ctx: CallContext): number {
  const raw = ctx.params.get("limit");
  const limit = raw ? Number(raw) : 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new AwsError("BadRequestException", "Invalid limit: must be between 1 and 500", 400);
  }
  return limit;
}

export function lambdaInvocationUri(region: string, functionArn: string, qualifier?: string | null): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}${qualifier ? `:${qualifier}` : ""}/invocations`;
}

function rootResourceId(api: RestApi): string {
  return api.resources?.find((resource) => resource.path === "/")?.id ?? `${hashString(api.id).toString(36).slice(0, 6)}root`;
}

function parentPath(path: string): string | null {
  if (path === "/") return null;
  const index = path.lastIndexOf("/");
  return index <= 0 ? "/" : path.slice(0, index);
}

type ApiResource = NonNullable<RestApi["resources"]>[number];
type ApiMethod = ApiResource["methods"][number];

function methodBody(ctx: CallContext, method: ApiMethod, embedIntegration: boolean): Record<string, unknown> {
  const integration = method.integration;
  return {
    httpMethod: method.httpMethod,
    authorizationType: method.authorizationType,
    authorizerId: method.authorizerId ?? undefined,
    apiKeyRequired: method.apiKeyRequired,
    methodResponses: { "200": { statusCode: "200" } },
    methodIntegration:
      embedIntegration && integration ? integrationBody(ctx, integration) : undefined,
  };
}

function integrationBody(ctx: CallContext, integration: NonNullable<ApiMethod["integration"]>): Record<string, unknown> {
  const uri =
    integration.uri ??
    (integration.functionArn ? lambdaInvocationUri(ctx.region, integration.functionArn, integration.functionQualifier) : undefined);
  return {
    type: integration.type,
    httpMethod: integration.type === "MOCK" ? undefined : "POST",
    uri,
    passthroughBehavior: "WHEN_NO_MATCH",
    contentHandling: "CONVERT_TO_TEXT",
    timeoutInMillis: 29000,
    cacheNamespace: "stub",
    cacheKeyParameters: [],
  };
}

function resourceBodies(ctx: CallContext, api: RestApi, embedMethods: boolean): Record<string, unknown>[] {
  const resources = api.resources ?? [];
  const rootId = rootResourceId(api);
  const idByPath = new Map(resources.map((resource) => [resource.path, resource.id]));
  const bodies: Record<string, unknown>[] = resources.map((resource) => {
    const parent = parentPath(resource.path);
    return {
      id: resource.id,
      parentId: parent === null ? undefined : (idByPath.get(parent) ?? rootId),
      pathPart: resource.path === "/" ? undefined : resource.path.slice(resource.path.lastIndexOf("/") + 1),
      path: resource.path,
      resourceMethods:
        resource.methods.length > 0
          ? Object.fromEntries(
              resource.methods.map((method) => [method.httpMethod, embedMethods ? methodBody(ctx, method, true) : {}]),
            )
          : undefined,
    };
  });
  if (!idByPath.has("/")) bodies.unshift({ id: rootId, path: "/" });
  return bodies;
}

function findMethod(ctx: CallContext, api: RestApi): ApiMethod {
  const resource = api.resources?.find((candidate) => candidate.id === ctx.labels.resourceId);
  if (!resource) throw new AwsError("NotFoundException", "Invalid Resource identifier specified", 404);
  const method = resource.methods.find((candidate) => candidate.httpMethod === ctx.labels.httpMethod);
  if (!method) throw new AwsError("NotFoundException", "Invalid Method identifier specified", 404);
  return method;
}

function stageVariables(ctx: CallContext, apiId: string, stageName: string, classified: { key: string; valueLength: number }[] | undefined) {
  const values = ctx.index.account.stageVariableValues?.[`${apiId}/${stageName}`];
  if (values) return values;
  if (!classified || classified.length === 0) return undefined;
  return Object.fromEntries(classified.map((entry) => [entry.key, "v".repeat(entry.valueLength)]));
}

export const apiGatewayHandlers: ServiceHandlers = {
  service: "apigateway",
  resourceOf: (ctx) => ctx.labels.restApiId ?? null,
  handlers: {
    GetRestApis(ctx) {
      const apis = ctx.index.restApisByRegion.get(ctx.region) ?? [];
      const result = page(apis, ctx.params.get("position"), limitOf(ctx), "apigateway");
      return {
        item: result.items.map((api) => ({
          id: api.id,
          name: api.name,
          createdDate: epochSeconds("2025-06-01T00:00:00Z"),
          apiKeySource: api.apiKeySource ?? "HEADER",
          endpointConfiguration: { types: api.endpointTypes ?? ["REGIONAL"], ipAddressType: "ipv4" },
          policy: api.policy ? JSON.stringify(api.policy).replace(/"/g, '\\"') : undefined,
          disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
          rootResourceId: rootResourceId(api),
          tags: {},
        })),
        position: result.next,
      };
    },
    GetResources(ctx) {
      const api = restApiOf(ctx);
      const embed = ctx.params.getAll("embed").flatMap((value) => value.split(","));
      const bodies = resourceBodies(ctx, api, embed.includes("methods"));
      const result = page(bodies, ctx.params.get("position"), limitOf(ctx), "apigateway");
      return { item: result.items, position: result.next };
    },
    GetMethod(ctx) {
      return methodBody(ctx, findMethod(ctx, restApiOf(ctx)), true);
    },
    GetIntegration(ctx) {
      const method = findMethod(ctx, restApiOf(ctx));
      if (!method.integration) throw new AwsError("NotFoundException", "No integration defined for method", 404);
      return integrationBody(ctx, method.integration);
    },
    GetAuthorizers(ctx) {
      const api = restApiOf(ctx);
      const result = page(api.authorizers ?? [], ctx.params.get("position"), limitOf(ctx), "apigateway");
      return {
        item: result.items.map((authorizer) => ({
          id: authorizer.id,
          name: authorizer.name,
          type: authorizer.type,
          authType: authorizer.type === "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom",
          authorizerUri: authorizer.functionArn ? lambdaInvocationUri(ctx.region, authorizer.functionArn) : undefined,
          providerARNs:
            authorizer.type === "COGNITO_USER_POOLS"
              ? [`arn:aws:cognito-idp:${ctx.region}:${ctx.index.account.accountId}:userpool/${ctx.region}_stub`]
              : undefined,
          identitySource: "method.request.header.Authorization",
          authorizerResultTtlInSeconds: 300,
        })),
        position: result.next,
      };
    },
    GetStages(ctx) {
      const api = restApiOf(ctx);
      return {
        item: (api.stages ?? []).map((stage) => ({
          deploymentId: stage.deploymentId ?? `dep${hashString(`${api.id}/${stage.name}`).toString(36).slice(0, 6)}`,
          clientCertificateId: stage.clientCertificateId ?? undefined,
          stageName: stage.name,
          cacheClusterEnabled: stage.cacheClusterEnabled,
          cacheClusterStatus: "NOT_AVAILABLE",
          methodSettings: stage.methodSettings,
          variables: stageVariables(ctx, api.id, stage.name, stage.variables),
          accessLogSettings: stage.accessLogDestinationArn
            ? { format: '{"requestId":"$context.requestId"}', destinationArn: stage.accessLogDestinationArn }
            : undefined,
          tracingEnabled: stage.tracingEnabled,
          webAclArn: stage.webAclArn ?? undefined,
          tags: {},
          createdDate: epochSeconds("2025-06-01T00:00:00Z"),
          lastUpdatedDate: epochSeconds("2025-07-01T00:00:00Z"),
        })),
      };
    },
  },
};
