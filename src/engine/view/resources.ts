import type { HttpApi, HttpStage, LambdaFunction, LayerVersion, RestApi, RestStage, Role } from "../../snapshot/schema.js";

/** The kinds of resource checks evaluate; a finding on one that is not a function counts for its functions. */
export const RESOURCE_TYPES = ["function", "role", "apiStage", "layerVersion"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface RoleResource {
  arn: string;
  name: string;
  region: "global";
  role: Role;
}

export type ApiStageResource =
  | { kind: "rest"; arn: string; name: string; region: string; api: RestApi; stage: RestStage }
  | { kind: "http"; arn: string; name: string; region: string; api: HttpApi; stage: HttpStage };

export interface LayerVersionResource extends LayerVersion {
  name: string;
}

export type ResourceOf<T extends ResourceType> = T extends "function"
  ? LambdaFunction
  : T extends "role"
    ? RoleResource
    : T extends "apiStage"
      ? ApiStageResource
      : T extends "layerVersion"
        ? LayerVersionResource
        : never;

/** How a finding names the resource it is about. */
export interface ResourceRef {
  arn: string;
  name: string;
  region: string;
  type: ResourceType;
}

export interface RestMethodTrigger {
  kind: "rest";
  api: RestApi;
  resourcePath: string;
  httpMethod: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId: string | null;
}

export interface HttpRouteTrigger {
  kind: "http";
  api: HttpApi;
  routeKey: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId: string | null;
}

export type ApiRouteTrigger = RestMethodTrigger | HttpRouteTrigger;
