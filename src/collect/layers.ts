import { GetLayerVersionPolicyCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { parseLayerVersionArn } from "../arn.js";
import type { LambdaFunction, LayerVersion } from "../snapshot/schema.js";
import type { CollectContext } from "./context.js";
import { decodePolicyDocument, unreadable } from "./documents.js";

/**
 * The layer versions of the scanned account that a region's functions use, with who each is shared
 * with (GetLayerVersionPolicy). Each version is read once however many functions use it; versions of
 * other accounts are not ours to read.
 */
export class LayerVersionReads {
  private readonly reads = new Map<string, Promise<LayerVersion | undefined>>();

  constructor(
    private readonly ctx: CollectContext,
    private readonly client: LambdaClient,
    private readonly region: string,
  ) {}

  /** Starts reading the account's own layer versions `fn` uses: one promise per layer version. */
  readLayersOf(fn: LambdaFunction): Promise<void>[] {
    const pending: Promise<void>[] = [];
    for (const layer of fn.layers ?? []) {
      if (parseLayerVersionArn(layer.arn)?.account !== this.ctx.accountId) continue;
      let read = this.reads.get(layer.arn);
      if (!read) {
        read = this.readLayerVersion(layer.arn);
        this.reads.set(layer.arn, read);
      }
      pending.push(read.then(() => undefined));
    }
    return pending;
  }

  /** Every layer version read, sorted by ARN. */
  async all(): Promise<LayerVersion[]> {
    const layers = (await Promise.all(this.reads.values())).filter((layer): layer is LayerVersion => layer !== undefined);
    return layers.sort((a, b) => a.arn.localeCompare(b.arn));
  }

  private async readLayerVersion(arn: string): Promise<LayerVersion | undefined> {
    const parsed = parseLayerVersionArn(arn);
    if (!parsed) return undefined;
    const { version, layerArn: layerName } = parsed;
    const layerRegion = parsed.region || this.region;
    // A layer version lives in its own region; functions can only use layers of their region, but the
    // client is chosen from the ARN so that a surprise never reads the wrong region.
    const client = layerRegion === this.region ? this.client : this.ctx.clients.lambda(layerRegion);
    const command = new GetLayerVersionPolicyCommand({ LayerName: layerName, VersionNumber: version });
    // No policy (ResourceNotFoundException): the layer version is shared with nobody.
    const outcome = await this.ctx.call(client, command, { service: "lambda", region: layerRegion, resourceArn: arn });
    if (outcome.ok) {
      const document = decodePolicyDocument(outcome.value.Policy);
      if (!document) {
        unreadable(this.ctx, "lambda", "GetLayerVersionPolicy", layerRegion, arn);
        return { arn, region: layerRegion };
      }
      return { arn, region: layerRegion, policy: document };
    }
    if (outcome.notFound) return { arn, region: layerRegion, policy: null };
    return { arn, region: layerRegion };
  }
}
