import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package root, found by walking up from this module: the same code runs from src/ under vitest
 * and from dist/src/ when built, so a fixed relative path would be wrong in one of them.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string };
      if (manifest.name === "lambda-posture") return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("lambda-posture: cannot find the package root");
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();

const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
  name: string;
  version: string;
  homepage: string;
};

export const TOOL = Object.freeze({ name: manifest.name, version: manifest.version });

/** The project's repository: reports link each check to its section of docs/checks.md there. */
export const PROJECT_HOMEPAGE = manifest.homepage;

/** The demo account snapshot shipped with the package. */
export const demoSnapshotPath = join(packageRoot, "src", "demo", "demo-account.snapshot.json");

/** Accepted risks for the demo account, so every report shows suppressed and expired entries. */
export const demoSuppressionsPath = join(packageRoot, "src", "demo", "demo-suppressions.json");
