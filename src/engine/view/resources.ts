import type { HttpApi, HttpStage, LambdaFunction, LayerVersion, PolicyDocument, RestApi, RestStage, Role } from "../../snapshot/schema.js";

/**
 * The kinds of resource checks evaluate; a finding on one that is not a function counts for its
 * functions. `invokeTarget` is everything with its own resource policy and function URL: the function
 * itself, each of its aliases, and each version an alias points to.
 */
export const RESOURCE_TYPES = ["function", "invokeTarget", "role", "apiStage", "layerVersion"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** What a finding says it is about: an invoke target is a function, an alias or a version. */
export const FINDING_RESOURCE_TYPES = ["function", "alias", "version", "role", "apiStage", "layerVersion"] as const;
export type FindingResourceType = (typeof FINDING_RESOURCE_TYPES)[number];

/**
 * One way to invoke a function, with the resource policy and URL that guard it. The unqualified
 * function's target carries the function's own; an alias's, the alias's (GetPolicy and the URL with
 * the alias as qualifier); a version's, the version's policy (versions cannot have a URL).
 */
export interface InvokeTarget {
  kind: "function" | "alias" | "version";
  /** The function's ARN, or the qualified ARN (…:function:name:live, …:function:name:3). */
  arn: string;
  /** `name`, `name:live`, `name:3`. */
  name: string;
  region: string;
  function: LambdaFunction;
  qualifier: string | null;
  /** absent: not read; null: none. */
  resourcePolicy?: PolicyDocument | null | undefined;
  url?: LambdaFunction["url"];
}

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
  : T extends "invokeTarget"
    ? InvokeTarget
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
  type: FindingResourceType;
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
