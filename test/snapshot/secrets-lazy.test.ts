import { describe, expect, it, vi } from "vitest";

/**
 * The checks import the key-name rule from src/snapshot/secrets.ts; their module graph must not load
 * secretlint. It is imported on the first classification only.
 */
const loaded = vi.hoisted(() => new Set<string>());
vi.mock("@secretlint/core", async (importOriginal) => {
  loaded.add("@secretlint/core");
  return importOriginal();
});
vi.mock("@secretlint/secretlint-rule-preset-recommend", async (importOriginal) => {
  loaded.add("@secretlint/secretlint-rule-preset-recommend");
  return importOriginal();
});

describe("loading secretlint", () => {
  it("does not happen when the module is imported or its pure rules are used", async () => {
    const secrets = await import("../../src/snapshot/secrets.js");
    expect(secrets.namesASecret("DB_PASSWORD")).toBe(true);
    expect(secrets.isInlineSecretByName({ key: "DB_PASSWORD", valueLength: 16 })).toBe(true);
    expect(secrets.isSecretReference("DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf")).toBe(true);
    expect([...loaded]).toEqual([]);
  });

  it("happens on the first classification", async () => {
    const { classifyValue } = await import("../../src/snapshot/secrets.js");
    expect((await classifyValue("GH", "gh" + "p_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789")).secretKinds).toEqual(["github-token"]);
    expect([...loaded].sort()).toEqual(["@secretlint/core", "@secretlint/secretlint-rule-preset-recommend"]);
  });
});
