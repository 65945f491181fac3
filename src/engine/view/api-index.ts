import { unqualifiedFunctionArn } from "../../arn.js";
import type { HttpApi, RestApi } from "../../snapshot/schema.js";
import type { ApiRouteTrigger, ApiStageResource } from "./resources.js";

/** Appends a value to a keyed list once. */
export function pushUnique<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/**
 * API Gateway as the front door of functions: which REST methods and HTTP routes invoke each function
 * (any alias or version of it), and which stages serve them. Built once per view.
 */
export class ApiIndex {
  readonly stages: ApiStageResource[] = [];
  readonly routesByFunction = new Map<string, ApiRouteTrigger[]>();
  readonly stagesByFunction = new Map<string, ApiStageResource[]>();
  readonly functionsByStage = new Map<string, string[]>();

  constructor(restApis: readonly RestApi[], httpApis: readonly HttpApi[]) {
    for (const api of restApis) this.indexRestApi(api);
    for (const api of httpApis) this.indexHttpApi(api);
  }

  private stagesOf(kind: "rest", api: RestApi): ApiStageResource[];
  private stagesOf(kind: "http", api: HttpApi): ApiStageResource[];
  private stagesOf(kind: "rest" | "http", api: RestApi | HttpApi): ApiStageResource[] {
    const stages = (api.stages ?? []).map(
      (stage) =>
        ({
          kind,
          arn: stage.arn ?? `${api.arn}/stages/${stage.name}`,
          name: `${api.name}/${stage.name}`,
          region: api.region,
          api,
          stage,
        }) as ApiStageResource,
    );
    this.stages.push(...stages);
    return stages;
  }

  private link(target: string, route: ApiRouteTrigger, stages: readonly ApiStageResource[]): void {
    const functionArn = unqualifiedFunctionArn(target);
    pushUnique(this.routesByFunction, functionArn, route);
    for (const stage of stages) {
      pushUnique(this.stagesByFunction, functionArn, stage);
      pushUnique(this.functionsByStage, stage.arn, functionArn);
    }
  }

  private indexRestApi(api: RestApi): void {
    const stages = this.stagesOf("rest", api);
    for (const resource of api.resources ?? []) {
      for (const method of resource.methods) {
        const target = method.integration?.functionArn;
        if (!target) continue;
        this.link(
          target,
          {
            kind: "rest",
            api,
            resourcePath: resource.path,
            httpMethod: method.httpMethod,
            authorizationType: method.authorizationType,
            apiKeyRequired: method.apiKeyRequired,
            authorizerId: method.authorizerId ?? null,
          },
          stages,
        );
      }
    }
  }

  private indexHttpApi(api: HttpApi): void {
    const stages = this.stagesOf("http", api);
    const integrations = new Map((api.integrations ?? []).map((integration) => [integration.id, integration]));
    for (const route of api.routes ?? []) {
      const integrationId = route.target?.startsWith("integrations/") ? route.target.slice("integrations/".length) : undefined;
      const target = integrationId ? integrations.get(integrationId)?.functionArn : undefined;
      if (!target) continue;
      this.link(
        target,
        {
          kind: "http",
          api,
          routeKey: route.routeKey,
          authorizationType: route.authorizationType,
          apiKeyRequired: route.apiKeyRequired ?? false,
          authorizerId: route.authorizerId ?? null,
        },
        stages,
      );
    }
  }
}
