import type { Gap } from "../../snapshot/schema.js";
import type { ResourceType } from "./resources.js";

/**
 * The listing that enumerates resources of a type. A gap on it means some resources may be missing
 * from the snapshot (reported as a gap), not that the resources it did return are incomplete.
 */
const ENUMERATING_OPERATIONS: Readonly<Record<ResourceType, readonly string[]>> = {
  function: ["lambda:ListFunctions"],
  invokeTarget: ["lambda:ListFunctions"],
  role: [],
  apiStage: ["apigateway:GetRestApis", "apigatewayv2:GetApis"],
  layerVersion: [],
};

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Which recorded gaps can hide data about a resource: gaps on the resource or one it depends on,
 * region-wide gaps in its region (or global ones), and, for functions, gaps on any API Gateway API in
 * its region, because an API we could not read may route to the function.
 */
export class GapIndex {
  private readonly all: readonly Gap[];
  private readonly byResource: Map<string, Gap[]>;
  private readonly regionWide: Map<string, Gap[]>;
  private readonly apiByRegion: Map<string, Gap[]>;
  private readonly attempted: ReadonlySet<string> | undefined;
  private readonly candidates = new Map<string, readonly Gap[]>();

  constructor(gaps: readonly Gap[], operationsAttempted: readonly string[] | undefined) {
    this.all = gaps;
    this.byResource = groupBy(
      gaps.filter((gap) => gap.resourceArn !== undefined),
      (gap) => gap.resourceArn as string,
    );
    this.regionWide = groupBy(
      gaps.filter((gap) => gap.resourceArn === undefined),
      (gap) => gap.region,
    );
    this.apiByRegion = groupBy(
      gaps.filter((gap) => gap.resourceArn !== undefined && gap.service.startsWith("apigateway")),
      (gap) => gap.region,
    );
    this.attempted = operationsAttempted ? new Set(operationsAttempted) : undefined;
  }

  /**
   * Gaps on any of `operations` that may hide data about `resource`, whose dependencies are
   * `relatedArns` (the resource itself included).
   */
  affecting(type: ResourceType, resource: { arn: string; region: string }, relatedArns: () => readonly string[], operations: readonly string[]): Gap[] {
    if (operations.length === 0 || this.all.length === 0) return [];
    const candidates = this.candidatesFor(type, resource, relatedArns);
    if (candidates.length === 0) return [];
    const enumerating = ENUMERATING_OPERATIONS[type];
    const wanted = new Set(operations.filter((operation) => !enumerating.includes(operation)));
    return candidates.filter((gap) => wanted.has(`${gap.service}:${gap.operation}`));
  }

  /** Every gap that may hide data about a resource, whatever the operation; computed once per resource. */
  private candidatesFor(type: ResourceType, resource: { arn: string; region: string }, relatedArns: () => readonly string[]): readonly Gap[] {
    const key = `${type}\u0000${resource.arn}`;
    const cached = this.candidates.get(key);
    if (cached) return cached;
    const found = new Set<Gap>();
    const add = (gaps: readonly Gap[] | undefined) => {
      for (const gap of gaps ?? []) found.add(gap);
    };
    add(this.regionWide.get(resource.region));
    add(this.regionWide.get("global"));
    for (const arn of relatedArns()) add(this.byResource.get(arn));
    if (type === "function" || type === "invokeTarget") add(this.apiByRegion.get(resource.region));
    const candidates = [...found];
    this.candidates.set(key, candidates);
    return candidates;
  }

  /** Operations a check needs that this snapshot's collection did not attempt. */
  notAttempted(operations: readonly string[]): string[] {
    const attempted = this.attempted;
    return attempted ? operations.filter((operation) => !attempted.has(operation)) : [];
  }
}
