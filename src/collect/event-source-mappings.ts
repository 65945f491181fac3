import { ListEventSourceMappingsCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { EventSourceMapping } from "../snapshot/schema.js";
import type { CollectContext } from "./context.js";

const MAPPINGS_PAGE_SIZE = 100;

/**
 * The event source mappings (queue and stream triggers) of a region: one listing per region rather
 * than one call per function (DESIGN section 9). Pages read before a failed page are kept; a failed
 * first page leaves the region's list unread (undefined), with its region-wide gap.
 */
export async function collectEventSourceMappings(
  ctx: CollectContext,
  client: LambdaClient,
  region: string,
): Promise<EventSourceMapping[] | undefined> {
  const mappings: EventSourceMapping[] = [];
  const listing = await ctx.paginate(
    client,
    (marker) => new ListEventSourceMappingsCommand({ MaxItems: MAPPINGS_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }),
    { service: "lambda", region },
    {
      nextToken: (page) => page.NextMarker,
      onPage: (page) => {
        for (const mapping of page.EventSourceMappings ?? []) {
          if (!mapping.UUID || !mapping.FunctionArn) continue;
          mappings.push({
            uuid: mapping.UUID,
            region,
            functionArn: mapping.FunctionArn,
            eventSourceArn: mapping.EventSourceArn ?? null,
            ...(mapping.State ? { state: mapping.State } : {}),
            ...(mapping.BatchSize !== undefined ? { batchSize: mapping.BatchSize } : {}),
            maximumRetryAttempts: mapping.MaximumRetryAttempts ?? null,
            bisectBatchOnFunctionError: mapping.BisectBatchOnFunctionError ?? null,
            onFailureDestination: mapping.DestinationConfig?.OnFailure?.Destination ?? null,
            hasFilterCriteria: (mapping.FilterCriteria?.Filters?.length ?? 0) > 0,
            kmsKeyArn: mapping.KMSKeyArn ?? null,
          });
        }
      },
      notFound: "gap",
    },
  );
  if (listing.status === "failed") return undefined;
  return mappings.sort((a, b) => a.uuid.localeCompare(b.uuid));
}
