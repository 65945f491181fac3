import { describe, expect, it } from "vitest";
import { pathDeeperThan } from "../src/json-depth.js";

/** `levels` objects nested under `key`, innermost a string. */
function nested(levels: number, key: string | number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i += 1) value = typeof key === "number" ? [value] : { [key]: value };
  return value;
}

describe("pathDeeperThan", () => {
  it("names the JSON path where a document first nests too deep, through objects and arrays", () => {
    expect(pathDeeperThan({ a: [{ b: nested(3, "c") }] }, 4)).toBe("a[0].b.c");
    expect(pathDeeperThan(nested(5, 0), 3)).toBe("[0][0][0]");
    expect(pathDeeperThan(nested(2, "x"), 0)).toBe("(document root)");
  });

  it("accepts documents within the limit, and scalars", () => {
    expect(pathDeeperThan({ a: [{ b: nested(2, "c") }] }, 10)).toBeUndefined();
    expect(pathDeeperThan("text", 0)).toBeUndefined();
    expect(pathDeeperThan(null, 0)).toBeUndefined();
  });

  it("walks a document far deeper than the stack would allow a recursive walk", () => {
    expect(pathDeeperThan(nested(200_000, 0), 100)).toBe(`${"[0]".repeat(100)}`);
  });
});
