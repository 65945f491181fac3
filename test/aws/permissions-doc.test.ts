import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  PERMISSIONS_END,
  PERMISSIONS_START,
  renderPermissionsBlock,
  withPermissionsBlock,
} from "../../scripts/generate-permissions-doc.js";
import { ALLOWED_OPERATIONS, buildPermissionsPolicy } from "../../src/aws/allow-list.js";
import { buildMemberRoleTemplate } from "../../src/aws/member-role-template.js";
import { packageRoot } from "../../src/package-info.js";

const page = readFileSync(join(packageRoot, "docs", "permissions.md"), "utf8");

describe("docs/permissions.md", () => {
  it("holds the policy the allow-list generates (run `npm run docs` to regenerate it)", () => {
    expect(page.split(PERMISSIONS_START)).toHaveLength(2);
    expect(page === withPermissionsBlock(page), "the policy block of docs/permissions.md is stale: run `npm run docs`").toBe(true);
  });

  it("shows the policy as JSON that parses to buildPermissionsPolicy()", () => {
    const block = page.slice(page.indexOf(PERMISSIONS_START), page.indexOf(PERMISSIONS_END));
    const json = block.match(/```json\n([\s\S]*?)\n```/)?.[1];
    expect(JSON.parse(json ?? "null")).toEqual(buildPermissionsPolicy());
  });

  it("explains every allowed operation", () => {
    for (const entry of ALLOWED_OPERATIONS) expect(page).toContain(`\`${entry.service}:${entry.operation}\``);
  });

  it("documents the member-role template's parameters as the template declares them", () => {
    const parameters = buildMemberRoleTemplate("0.0.0-test").Parameters;
    for (const [name, spec] of Object.entries(parameters)) {
      const row = page.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `docs/permissions.md has no table row for ${name}`).toBeDefined();
      if (spec.Default === undefined) expect(row).toContain("(required)");
      else if (spec.Default !== "") expect(row).toContain(`\`${String(spec.Default)}\``);
    }
    // Every ParameterKey in the example commands is one the template declares.
    const keys = [...page.matchAll(/ParameterKey=(\w+)/g)].map((match) => match[1] as string);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(Object.keys(parameters)).toContain(key);
  });
});

describe("withPermissionsBlock", () => {
  const handWritten = ["# Permissions", "", "Prose before.", "", PERMISSIONS_START, "```json", "{}", "```", PERMISSIONS_END, "", "Prose after.", ""].join("\n");

  it("replaces a stale block and keeps the hand-written text around it", () => {
    const fresh = withPermissionsBlock(handWritten);
    expect(fresh).not.toBe(handWritten);
    expect(fresh.startsWith("# Permissions\n\nProse before.\n\n<!-- permissions:start -->\n")).toBe(true);
    expect(fresh.endsWith("<!-- permissions:end -->\n\nProse after.\n")).toBe(true);
    expect(fresh).toContain('"Sid": "LambdaPostureReadOnly"');
    // Regenerating a current page changes nothing.
    expect(withPermissionsBlock(fresh)).toBe(fresh);
  });

  it("refuses a page without the markers rather than writing the block somewhere", () => {
    expect(() => withPermissionsBlock("# Permissions\n")).toThrow(/permissions:start/);
    expect(renderPermissionsBlock().startsWith(PERMISSIONS_START)).toBe(true);
  });
});
