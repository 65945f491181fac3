import type { ApiRouteTrigger } from "../view.js";

/** Evidence naming an API route or REST method. */
export function describeRoute(route: ApiRouteTrigger): Record<string, unknown> {
  return route.kind === "rest"
    ? {
        apiId: route.api.id,
        apiType: "REST",
        resourcePath: route.resourcePath,
        httpMethod: route.httpMethod,
        authorizationType: route.authorizationType,
        apiKeyRequired: route.apiKeyRequired,
      }
    : {
        apiId: route.api.id,
        apiType: route.api.protocolType,
        routeKey: route.routeKey,
        authorizationType: route.authorizationType,
        apiKeyRequired: route.apiKeyRequired,
      };
}
