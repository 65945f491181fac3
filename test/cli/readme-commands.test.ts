import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../../src/cli/options.js";
import { ROOT } from "../support/cli.js";

/**
 * The README's shell examples as a newcomer copies them: every `npx lambda-posture ...` command line
 * (with its `\` continuations) goes through the CLI's own option parser, so a renamed flag or a value
 * the parser refuses breaks this test instead of the first command a reader tries. Every `npm run X`
 * the README names exists in package.json.
 */
async function readme(): Promise<string> {
  return readFile(join(ROOT, "README.md"), "utf8");
}

function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^ *```(?:sh|bash)\n([\s\S]*?)^ *```$/gm)].map((match) => match[1] as string);
}

/** Words of one command line: quotes removed, the placeholders a reader fills in given a value. */
function words(line: string): string[] {
  const filled = line.replace(/"\$EXTERNAL_ID"/g, "example-external-id").replace(/"reports\/\$\(date \+%F\)"/g, "reports/2026-12-01");
  const withoutRedirect = filled.replace(/\s>\s*\S+.*$/, "").replace(/\s#.*$/, "");
  return [...withoutRedirect.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => (match[1] ?? match[2]) as string);
}

function cliCommands(markdown: string): string[][] {
  const commands: string[][] = [];
  for (const block of shellBlocks(markdown)) {
    const lines = block.replace(/\\\n\s*/g, " ").split("\n");
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed.startsWith("npx lambda-posture ")) commands.push(words(trimmed).slice(2));
    }
  }
  return commands;
}

describe("README commands", () => {
  it("parses every `npx lambda-posture` example with the CLI's own option parser", async () => {
    const commands = cliCommands(await readme());
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const argv of commands) {
      const [command, ...rest] = argv as [string, ...string[]];
      await expect(resolveOptions(command, rest, {}, ROOT), argv.join(" ")).resolves.toBeDefined();
    }
  });

  it("names only npm scripts that package.json defines", async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const named = [...(await readme()).matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1] as string);
    expect(named.length).toBeGreaterThan(0);
    for (const script of new Set(named)) expect(Object.keys(manifest.scripts), script).toContain(script);
  });
});
