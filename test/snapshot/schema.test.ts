import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitCodeOfError } from "../../src/cli/errors.js";
import { InputError } from "../../src/errors.js";
import { demoSnapshotPath } from "../../src/package-info.js";
import { parseSnapshot, readSnapshot, writeSnapshot } from "../../src/snapshot/io.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

function validRaw(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshotWith({ functions: [secureFunction()] }))) as Record<string, unknown>;
}

function expectInvalid(mutate: (raw: Record<string, any>) => void, path: string, fragment?: RegExp) {
  const raw = validRaw();
  mutate(raw);
  let error: unknown;
  try {
    parseSnapshot(raw, "case.json");
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InputError);
  const message = (error as InputError).message;
  expect(message).toContain("case.json");
  expect(message).toContain(`${path}:`);
  if (fragment) expect(message).toMatch(fragment);
  expect(exitCodeOfError(error)).toBe(2);
}

describe("snapshot schema", () => {
  it("accepts a valid snapshot and keeps absent, null and values apart", () => {
    const raw = validRaw();
    const fn = (raw.functions as Record<string, unknown>[])[0]!;
    delete fn.resourcePolicy; // not read
    fn.url = null; // read, none
    const snapshot = parseSnapshot(raw);
    expect("resourcePolicy" in snapshot.functions[0]!).toBe(false);
    expect(snapshot.functions[0]!.url).toBeNull();
    expect(snapshot.functions[0]!.tracingMode).toBe("Active");
  });

  it("accepts the bundled demo account", async () => {
    const snapshot = await readSnapshot(demoSnapshotPath);
    expect(snapshot.functions.length).toBeGreaterThanOrEqual(20);
    expect(new Set(snapshot.functions.map((fn) => fn.region)).size).toBe(2);
    expect(snapshot.gaps.length).toBeGreaterThan(0);
  });

  it("names the path of a wrong type", () => expectInvalid((r) => (r.functions[0].memorySize = "big"), "functions[0].memorySize", /number/));
  it("names the path of a missing required field", () => expectInvalid((r) => delete r.functions[0].arn, "functions[0].arn"));
  it("names the path of a bad enum value", () => expectInvalid((r) => (r.functions[0].url = { authType: "OPEN", cors: null }), "functions[0].url.authType"));
  it("rejects a malformed account id", () => expectInvalid((r) => (r.accountId = "12345"), "accountId", /12-digit/));
  it("rejects a date that is not a date", () => expectInvalid((r) => (r.collectedAt = "yesterday"), "collectedAt", /ISO 8601/));
  it("rejects a missing top-level array", () => expectInvalid((r) => delete r.gaps, "gaps"));
  it("rejects a gap without an error code", () =>
    expectInvalid((r) => (r.gaps = [{ service: "lambda", operation: "GetPolicy", region: "eu-west-1", message: "x" }]), "gaps[0].errorCode"));
  it("rejects another schema version", () => expectInvalid((r) => (r.schemaVersion = 99), "schemaVersion"));

  it("reports a missing file and broken JSON with the file name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lp-schema-"));
    await expect(readSnapshot(join(dir, "none.json"))).rejects.toThrow(/none\.json: cannot read the snapshot: no such file/);
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ not json");
    await expect(readSnapshot(broken)).rejects.toThrow(/broken\.json: the snapshot is not valid JSON/);
    const future = join(dir, "future.json");
    await writeFile(future, JSON.stringify({ ...validRaw(), schemaVersion: 7 }));
    await expect(readSnapshot(future)).rejects.toThrow(/schemaVersion 7 is not supported/);
  });

  it("writes snapshots with mode 0600 and reads them back unchanged", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lp-schema-"));
    const file = join(dir, "nested", "snapshot.json");
    const snapshot = snapshotWith({ functions: [secureFunction()] });
    await writeSnapshot(file, snapshot);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readSnapshot(file)).toEqual(snapshot);
    expect(JSON.parse(await readFile(file, "utf8")).schemaVersion).toBe(1);
  });
});

describe("deeply nested input files", () => {
  it("refuses a snapshot nested thousands of levels deep with exit 2, naming the file and where", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lp-deep-"));
    const raw = validRaw();
    (raw.functions as Record<string, unknown>[])[0]!.resourcePolicy = "DEEP";
    // Built as text: JSON.stringify cannot itself nest this deep.
    const deep = `${'{"Statement":'.repeat(6_000)}{}${"}".repeat(6_000)}`;
    const file = join(dir, "deep.json");
    await writeFile(file, JSON.stringify(raw).replace('"DEEP"', deep));
    const error = await readSnapshot(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(exitCodeOfError(error)).toBe(2);
    expect((error as Error).message).toMatch(/deep\.json: the snapshot nests deeper than 100 levels at functions\[0\]\.resourcePolicy(\.Statement)+/);
  });
});

describe("documents that are not snapshots", () => {
  it("names a scan result given as a snapshot, and the commands that take each", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lp-kind-"));
    const file = join(dir, "result.json");
    await writeFile(file, JSON.stringify({ schemaVersion: 1, scanId: "x", summary: {}, functions: [], findings: [] }));
    const error = await readSnapshot(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/result\.json: this is a scan result, not a snapshot; `diff` and `--baseline` take scan results/);
  });
});
