#!/usr/bin/env node
/**
 * `npm test`: the TypeScript build (type-check and emit to dist/) and vitest at once. Most test files
 * run the sources through vitest and never touch dist/; the few that run the built CLI wait for this
 * run's build (test/support/cli.ts `assertBuilt`, through the marker file named in
 * LAMBDA_POSTURE_BUILD_MARKER). Run one after the other, the build held one core for its whole
 * duration while the other stayed idle. Plain JavaScript: it runs before anything is compiled.
 *
 * Exit code: the build's when it fails (its errors are printed after the test summary), else vitest's.
 * Arguments are passed to vitest (`npm test -- test/cli`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const modules = fileURLToPath(new URL("../node_modules/", import.meta.url));
const markerDir = mkdtempSync(join(tmpdir(), "lambda-posture-build-"));
const marker = join(markerDir, "build.json");

const children = new Set();
function run(args, options) {
  const child = spawn(process.execPath, args, options);
  children.add(child);
  const exited = new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  exited.then(() => children.delete(child));
  return { child, exited };
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

const build = run([join(modules, "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { stdio: ["ignore", "pipe", "pipe"] });
let buildOutput = "";
build.child.stdout.on("data", (chunk) => (buildOutput += chunk));
build.child.stderr.on("data", (chunk) => (buildOutput += chunk));
const buildDone = build.exited.then((code) => {
  writeFileSync(marker, JSON.stringify({ code, output: buildOutput.slice(0, 20_000) }));
  return code;
});

const tests = run([join(modules, "vitest", "vitest.mjs"), "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, LAMBDA_POSTURE_BUILD_MARKER: marker },
});

const [buildCode, testCode] = await Promise.all([buildDone, tests.exited]);
rmSync(markerDir, { recursive: true, force: true });
if (buildCode !== 0) {
  process.stderr.write(`\nnpm test: the TypeScript build (tsc -p tsconfig.json) failed with exit code ${buildCode}:\n${buildOutput}\n`);
  process.exit(buildCode);
}
process.exit(testCode);
