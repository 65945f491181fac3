import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt } from "../support/cli.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** The README's library example, as written. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use as a library"));
  const block = /```js\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error("README.md has no js example under ## Use as a library");
  return block[1];
}

describe("README: use as a library", () => {
  it("runs the example as written, importing the package by its name", () => {
    // Node resolves a package's own name through its `exports`, so a script inside the package
    // imports "lambda-posture" exactly as a dependent project would (the build is in dist/).
    assertBuilt(); // dist/ is built by `npm test`'s tsc step
    const script = join(ROOT, "dist", `readme-example-${process.pid}.mjs`);
    writeFileSync(script, readmeExample());
    try {
      const output = execFileSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", AWS_EC2_METADATA_DISABLED: "true" } });
      expect(output).toMatch(/^grade [A-F], \d+ failed results\n/);
      expect(output).toMatch(/^role-admin-access \S+: The role can perform every action in the account\.$/m);
    } finally {
      rmSync(script, { force: true });
    }
  });
});
