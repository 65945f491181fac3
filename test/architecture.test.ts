import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Dependencies point down only (DESIGN section 2): cli → library → collect / engine / report →
 * aws / policy / snapshot / data. This test reads every import of the product, the benchmark, the
 * stub and the scripts and fails on an edge that runs the wrong way.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface ImportEdge {
  from: string;
  /** A repository-relative path for a relative import, else the package name as written. */
  to: string;
}

function sourceFiles(directory: string): string[] {
  const absolute = join(ROOT, directory);
  if (!existsSync(absolute)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(absolute)) {
    const path = join(absolute, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(relative(ROOT, path)));
    else if (entry.endsWith(".ts")) files.push(relative(ROOT, path));
  }
  return files;
}

/** `import x from`, `import { a } from`, `export * from`, `import type`, side-effect imports and `import("…")`. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\}|\w+(?:\s*,\s*\{[^}]*\})?)\s*from\s*["']([^"']+)["']|(?:^|\n)\s*import\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2] ?? match[3]) as string;
    const to = specifier.startsWith(".") ? relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, ".ts") : specifier;
    edges.push({ from: file, to });
  }
  return edges;
}

const PRODUCT = [...sourceFiles("src"), ...sourceFiles("checks")];
const ALL = [...PRODUCT, ...sourceFiles("bench"), ...sourceFiles("scripts"), ...sourceFiles("stub")];
const EDGES = ALL.flatMap(importsOf);
const edgesFrom = (prefix: string) => EDGES.filter((edge) => edge.from.startsWith(prefix));
const show = (edges: ImportEdge[]) => edges.map((edge) => `${edge.from} -> ${edge.to}`);

describe("architecture", () => {
  it("reads the whole tree (the import scanner works)", () => {
    expect(PRODUCT.length).toBeGreaterThan(100);
    expect(EDGES.some((edge) => edge.from === "src/cli/main.ts" && edge.to === "src/cli/options.ts")).toBe(true);
    expect(EDGES.some((edge) => edge.from === "src/library/collect.ts" && edge.to === "src/collect/index.ts")).toBe(true);
  });

  it("nothing outside src/cli imports src/cli", () => {
    expect(show(EDGES.filter((edge) => edge.to.startsWith("src/cli/") && !edge.from.startsWith("src/cli/")))).toEqual([]);
  });

  it("only src/aws and src/collect import the AWS SDK (the stub builds clients for its own tests)", () => {
    const allowed = ["src/aws/", "src/collect/", "stub/"];
    const offenders = EDGES.filter((edge) => edge.to.startsWith("@aws-sdk/") && !allowed.some((prefix) => edge.from.startsWith(prefix)));
    expect(show(offenders)).toEqual([]);
  });

  it("src/engine imports no collector, AWS, reporter, library or CLI code, and no I/O module", () => {
    const forbidden = [/^src\/(collect|aws|report|cli|library|files|diff)\//, /^src\/index\.ts$/, /^@aws-sdk\//, /^node:(fs|fs\/promises|net|http|https|child_process|dgram|dns|tls)$/];
    expect(show(edgesFrom("src/engine/").filter((edge) => forbidden.some((pattern) => pattern.test(edge.to))))).toEqual([]);
  });

  it("the engine keeps no module-level mutable state (caches live in a view)", () => {
    const offenders = sourceFiles("src/engine").filter((file) => /^(let|var) /m.test(readFileSync(join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("checks import only the check kit, src/policy and src/data (and the index imports the checks)", () => {
    const allowed = (edge: ImportEdge) =>
      edge.to === "src/engine/check-kit.ts" ||
      edge.to.startsWith("src/policy/") ||
      edge.to.startsWith("src/data/") ||
      (edge.from === "checks/index.ts" && edge.to.startsWith("checks/"));
    expect(show(edgesFrom("checks/").filter((edge) => !allowed(edge)))).toEqual([]);
  });

  it("the layers below the library never import it, and src/ never imports tests, bench, stub or scripts", () => {
    const lower = ["src/engine/", "src/collect/", "src/report/", "src/aws/", "src/policy/", "src/snapshot/", "src/data/", "src/files/", "src/diff/"];
    const upward = EDGES.filter(
      (edge) => lower.some((prefix) => edge.from.startsWith(prefix)) && (edge.to.startsWith("src/library/") || edge.to === "src/index.ts"),
    );
    expect(show(upward)).toEqual([]);
    const outward = edgesFrom("src/").filter((edge) => /^(test|bench|stub|scripts)\//.test(edge.to));
    expect(show(outward)).toEqual([]);
  });

  it("policy, snapshot, aws and data stand on their own: no engine, collector or reporter code", () => {
    const base = ["src/policy/", "src/snapshot/", "src/aws/", "src/data/", "src/arn.ts", "src/errors.ts", "src/files/", "src/text/"];
    const above = /^src\/(engine|collect|report|cli|library|diff)\//;
    expect(show(EDGES.filter((edge) => base.some((prefix) => edge.from.startsWith(prefix)) && above.test(edge.to)))).toEqual([]);
  });

  it("bench/ and stub/ never import test/", () => {
    expect(show(EDGES.filter((edge) => /^(bench|stub)\//.test(edge.from) && edge.to.startsWith("test/")))).toEqual([]);
  });
});
