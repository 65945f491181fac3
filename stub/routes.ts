import * as apiGatewaySdk from "@aws-sdk/client-api-gateway";
import * as apiGatewayV2Sdk from "@aws-sdk/client-apigatewayv2";
import * as guardDutySdk from "@aws-sdk/client-guardduty";
import * as inspector2Sdk from "@aws-sdk/client-inspector2";
import * as lambdaSdk from "@aws-sdk/client-lambda";
import type { StubService } from "./protocol.js";

/**
 * REST operations are recognised by method and path template, taken from the SDK's own operation
 * schemas (`GetFunction$ = [9, namespace, "GetFunction", { http: ["GET", "/2015-03-31/functions/{FunctionName}", 200] }, ...]`),
 * so that every call, including one the stub does not serve (a mutating one, say), is named exactly
 * as the SDK names it and can be checked against the allow-list.
 */
export interface RestRoute {
  service: StubService;
  operation: string;
  method: string;
  /** Literal segments are strings; labels are `{Name}` (a greedy label `{Name+}` takes the rest). */
  segments: string[];
  /** Literal query parameters the template requires, e.g. `find=LayerVersion`. */
  queryLiterals: [string, string][];
  successStatus: number;
}

export interface RestMatch {
  route: RestRoute;
  labels: Record<string, string>;
}

function routesOf(service: StubService, sdk: Record<string, unknown>): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const [exportName, value] of Object.entries(sdk)) {
    if (!exportName.endsWith("$") || !Array.isArray(value) || value[0] !== 9) continue;
    const traits = value[3] as { http?: [string, string, number] } | undefined;
    if (!traits?.http) continue;
    const [method, template, successStatus] = traits.http;
    const [path = "", query = ""] = template.split("?");
    routes.push({
      service,
      operation: String(value[2]),
      method,
      segments: path.split("/").filter((segment) => segment !== ""),
      queryLiterals: query
        .split("&")
        .filter((pair) => pair !== "")
        .map((pair) => {
          const [key = "", literal = ""] = pair.split("=");
          return [key, literal];
        }),
      successStatus,
    });
  }
  return routes;
}

let allRoutes: RestRoute[] | undefined;
function restRoutes(): RestRoute[] {
  allRoutes ??= [
    ...routesOf("lambda", lambdaSdk as unknown as Record<string, unknown>),
    ...routesOf("apigateway", apiGatewaySdk as unknown as Record<string, unknown>),
    ...routesOf("apigatewayv2", apiGatewayV2Sdk as unknown as Record<string, unknown>),
    ...routesOf("guardduty", guardDutySdk as unknown as Record<string, unknown>),
    ...routesOf("inspector2", inspector2Sdk as unknown as Record<string, unknown>),
  ];
  return allRoutes;
}

/**
 * The operation a REST request is, choosing the most specific template (most literal segments and
 * query literals) when several match, as `/2018-10-31/layers?find=LayerVersion` and `/2018-10-31/layers` do.
 * `pathSegments` are already percent-decoded.
 */
export function matchRestRoute(method: string, pathSegments: string[], query: URLSearchParams): RestMatch | null {
  let best: { match: RestMatch; score: number } | null = null;
  for (const route of restRoutes()) {
    if (route.method !== method) continue;
    const labels: Record<string, string> = {};
    let literalCount = 0;
    let ok = true;
    let consumedAll = false;
    for (let i = 0; i < route.segments.length; i += 1) {
      const segment = route.segments[i] as string;
      const actual = pathSegments[i];
      if (segment.startsWith("{") && segment.endsWith("+}")) {
        if (actual === undefined) {
          ok = false;
          break;
        }
        labels[segment.slice(1, -2)] = pathSegments.slice(i).join("/");
        consumedAll = true;
        break;
      }
      if (actual === undefined) {
        ok = false;
        break;
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        labels[segment.slice(1, -1)] = actual;
      } else if (segment === actual) {
        literalCount += 1;
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (!consumedAll && pathSegments.length !== route.segments.length) continue;
    if (!route.queryLiterals.every(([key, literal]) => query.get(key) === literal)) continue;
    const score = literalCount * 10 + route.queryLiterals.length;
    if (!best || score > best.score) best = { match: { route, labels }, score };
  }
  return best?.match ?? null;
}

/** Which REST service a path belongs to, from its first segment (for unknown routes too). */
export function restServiceOfPath(pathSegments: string[]): StubService | null {
  const first = pathSegments[0] ?? "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(first)) return "lambda";
  if (first === "v2") return "apigatewayv2";
  if (first === "restapis" || first === "apikeys" || first === "domainnames" || first === "account") return "apigateway";
  if (first === "detector" || first === "malware-protection-plan") return "guardduty";
  if (first === "status" || first === "findings" || first === "coverage") return "inspector2";
  return null;
}
