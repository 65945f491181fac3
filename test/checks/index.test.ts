import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/index.js";
import { renderChecksDoc } from "../../scripts/generate-checks-doc.js";
import { FRAMEWORK_CONTROLS, type FrameworkKey } from "../../src/data/frameworks.js";
import { LAYERS, PHASES, SEVERITIES } from "../../src/engine/check.js";
import { RESOURCE_TYPES } from "../../src/engine/view/resources.js";
import { allCollectionOperations } from "../../src/collect/operations.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const checkFiles = readdirSync(join(root, "checks"))
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => file.slice(0, -3))
  .sort();

/** `<resource>-<property>-<risky-state>`: the first word names the resource type the check judges. */
const ID_PREFIX: Record<string, RegExp> = {
  function: /^function-/,
  invokeTarget: /^function-/,
  role: /^role-/,
  apiStage: /^api-stage-/,
  layerVersion: /^layer-version-/,
};

describe("check index", () => {
  const ids = ALL_CHECKS.map((check) => check.id);

  it("lists every file in checks/, and nothing else", () => {
    expect([...ids].sort()).toEqual(checkFiles);
  });

  it("is sorted by id, with unique ids", () => {
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has at least 45 checks covering every phase and layer", () => {
    expect(ids.length).toBeGreaterThanOrEqual(45);
    for (const phase of PHASES) expect(ALL_CHECKS.some((check) => check.phase === phase), phase).toBe(true);
    for (const layer of LAYERS) expect(ALL_CHECKS.some((check) => check.layer === layer), layer).toBe(true);
  });

  for (const check of ALL_CHECKS) {
    describe(check.id, () => {
      it("has a kebab-case id that names its resource and equals its file name", async () => {
        expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+){2,}$/);
        expect(RESOURCE_TYPES).toContain(check.resourceType);
        expect(check.id).toMatch(ID_PREFIX[check.resourceType]!);
        const module = (await import(/* @vite-ignore */ join(root, "checks", `${check.id}.ts`))) as { default: unknown };
        expect(module.default).toBe(check);
      });

      it("has a test file", () => {
        expect(existsSync(join(root, "test", "checks", `${check.id}.test.ts`))).toBe(true);
      });

      it("has valid metadata", () => {
        expect(SEVERITIES).toContain(check.severity);
        expect(LAYERS).toContain(check.layer);
        expect(PHASES).toContain(check.phase);
        expect(check.title.trim().length).toBeGreaterThan(0);
        expect(check.title).not.toMatch(/^Ensure\b/);
        expect(check.rationale.trim().length).toBeGreaterThan(40);
        expect(check.remediation).toMatch(/`aws [a-z0-9-]+ [a-z0-9-]+/);
        expect(check.requires.length).toBeGreaterThan(0);
        for (const operation of check.requires) expect(operation).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
        const collectable = allCollectionOperations();
        for (const operation of check.requires) expect(collectable, `${operation} is not a read the collectors perform`).toContain(operation);
        expect(new Set(check.requires).size).toBe(check.requires.length);
        if (check.limitations !== undefined) expect(check.limitations.trim().length).toBeGreaterThan(0);
        expect(typeof check.evaluate).toBe("function");
      });

      it("declares its reasons: camelCase ids, one sentence each, placeholders that name values", () => {
        const reasons = Object.entries(check.reasons);
        expect(reasons.length).toBeGreaterThanOrEqual(2);
        for (const [reason, sentence] of reasons) {
          expect(reason).toMatch(/^[a-z][A-Za-z0-9]+$/);
          expect(sentence.trim().length, reason).toBeGreaterThan(10);
          expect(sentence, reason).not.toMatch(/\{\s*\}|\{[^}]*\s[^}]*\}/);
        }
      });

      it("declares settings only with defaults", () => {
        for (const [key, field] of Object.entries(check.settings?.shape ?? {})) {
          expect(key).toMatch(/^[a-z][A-Za-z0-9]+$/);
          expect(() => check.settings!.parse({}), key).not.toThrow();
          expect((field as { description?: string }).description, `${key} has no .describe() text for the docs`).toBeTruthy();
        }
      });

      it("cites only framework controls that exist", () => {
        const cited = Object.entries(check.frameworks) as [FrameworkKey, string[] | undefined][];
        expect(cited.some(([, controls]) => (controls ?? []).length > 0)).toBe(true);
        for (const [framework, controls] of cited) {
          expect(Object.keys(FRAMEWORK_CONTROLS)).toContain(framework);
          for (const control of controls ?? []) expect(FRAMEWORK_CONTROLS[framework][control], `${framework} ${control}`).toBeDefined();
        }
        for (const key of ["nist80053", "owaspServerless", "hipaa", "fsbp"] as const) expect(Array.isArray(check.frameworks[key]), key).toBe(true);
        expect(check.frameworks.nist80053.length).toBeGreaterThan(0);
        expect(check.frameworks.owaspServerless.length).toBeGreaterThan(0);
      });
    });
  }
});

describe("docs/checks.md", () => {
  it("is current (run `npm run docs` to regenerate it)", () => {
    const path = join(root, "docs", "checks.md");
    const onDisk = existsSync(path) ? readFileSync(path, "utf8") : "";
    expect(onDisk === renderChecksDoc(ALL_CHECKS), "docs/checks.md is stale: run `npm run docs`").toBe(true);
  });

  it("documents every check under its phase and layer", () => {
    const doc = renderChecksDoc(ALL_CHECKS);
    for (const check of ALL_CHECKS) expect(doc).toContain(`#### \`${check.id}\``);
    for (const phase of PHASES) expect(doc).toContain(`(${phase})`);
  });
});
