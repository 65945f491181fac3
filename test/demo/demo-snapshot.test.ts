import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DEMO_SNAPSHOT_JSON } from "../../scripts/build-demo-snapshot.js";
import { demoSnapshotPath } from "../../src/package-info.js";

describe("demo account snapshot", () => {
  it("is exactly what scripts/build-demo-snapshot.ts writes (regenerate it after editing the script)", async () => {
    expect(await readFile(demoSnapshotPath, "utf8")).toBe(DEMO_SNAPSHOT_JSON);
  });
});
