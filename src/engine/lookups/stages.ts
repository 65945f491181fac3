import { notApplicable, unknown, type CheckResult } from "../check.js";
import type { ApiStageResource, SnapshotView } from "../view.js";

/**
 * lambda-posture judges API stages only as the front door of functions. A stage is in scope when
 * its API routes to at least one function of the snapshot; when the API's routes (REST resources,
 * HTTP routes and integrations) were not read we cannot tell, and say unknown.
 */
export function stageOutOfScope(stage: ApiStageResource, view: SnapshotView): CheckResult | undefined {
  const routesRead =
    stage.kind === "rest" ? stage.api.resources !== undefined : stage.api.routes !== undefined && stage.api.integrations !== undefined;
  if (!routesRead) {
    return unknown("routesNotRead", "The API's routes were not read, so it is unknown whether this stage invokes functions.", {
      apiId: stage.api.id,
    });
  }
  if (view.linkedFunctionArns("apiStage", stage.arn).length === 0) {
    return notApplicable("noFunctionTargets", "The API does not route to any Lambda function in this snapshot.", { apiId: stage.api.id });
  }
  return undefined;
}

/** Evidence naming a stage. */
export function stageEvidence(stage: ApiStageResource): Record<string, unknown> {
  return { apiId: stage.api.id, apiType: stage.kind === "rest" ? "REST" : stage.api.protocolType, stage: stage.stage.name };
}
