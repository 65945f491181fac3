import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { checkOutputPath, removeTemporaryFiles, writePrivateFile, writePrivateStream } from "../../src/files/private-file.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-files-"));
});

const entries = () => readdirSync(dir).sort();

describe("checkOutputPath", () => {
  it("accepts a new file, an existing regular file, and a file in directories still to be created", async () => {
    await checkOutputPath(join(dir, "new.json"), "--output");
    writeFileSync(join(dir, "old.json"), "x");
    await checkOutputPath(join(dir, "old.json"), "--output");
    await checkOutputPath(join(dir, "a", "b", "c.json"), "--output-dir");
    expect(entries()).toEqual(["old.json"]);
  });

  it.each([
    ["a directory", (path: string) => mkdirSync(path), /is a directory/],
    ["a symbolic link", (path: string) => symlinkSync(join(dir, "elsewhere"), path), /is a symbolic link/],
    ["a FIFO", (path: string) => execFileSync("mkfifo", [path]), /is a FIFO/],
  ])("refuses %s with one line naming the flag", async (_kind, make, message) => {
    const path = join(dir, "target");
    make(path);
    const error = await checkOutputPath(path, "--snapshot-out").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^--snapshot-out: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("refuses a path under a regular file", async () => {
    writeFileSync(join(dir, "file"), "x");
    await expect(checkOutputPath(join(dir, "file", "report.json"), "--output")).rejects.toThrow(/is not a directory/);
  });
});

describe("writePrivateFile", () => {
  it("writes mode 0600 through a temporary file and replaces a regular file", async () => {
    const path = join(dir, "report.json");
    writeFileSync(path, "old", { mode: 0o644 });
    await writePrivateFile(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(entries()).toEqual(["report.json"]);
  });

  it("never replaces or follows a symbolic link at the target", async () => {
    const victim = join(dir, "victim");
    writeFileSync(victim, "precious", { mode: 0o644 });
    const path = join(dir, "report.json");
    symlinkSync(victim, path);
    await expect(writePrivateFile(path, "attack")).rejects.toThrow(/is a symbolic link; it was not replaced/);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(entries()).toEqual(["report.json", "victim"]);
  });

  it("does not follow a symlink planted at the old predictable temporary path", async () => {
    const victim = join(dir, "victim");
    writeFileSync(victim, "precious", { mode: 0o644 });
    const path = join(dir, "report.json");
    symlinkSync(victim, `${path}.${process.pid}.tmp`);
    await writePrivateFile(path, "report");
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(readFileSync(path, "utf8")).toBe("report");
  });
});

describe("writePrivateStream", () => {
  it("leaves no temporary file when producing the content fails", async () => {
    function* failing(): Generator<string> {
      yield "x".repeat(2 << 20);
      throw new Error("renderer broke");
    }
    await expect(writePrivateStream(join(dir, "big.json"), failing())).rejects.toThrow("renderer broke");
    expect(entries()).toEqual([]);
  });

  it("leaves no temporary file when a signal handler removes them mid-write", async () => {
    function* interrupted(): Generator<string> {
      yield "x".repeat(2 << 20);
      // What the CLI's SIGINT/SIGTERM handler does before it exits.
      removeTemporaryFiles();
      yield "more";
    }
    await expect(writePrivateStream(join(dir, "big.json"), interrupted())).rejects.toThrow();
    expect(entries()).toEqual([]);
    expect(existsSync(join(dir, "big.json"))).toBe(false);
  });
});

describe("writePrivateStream", () => {
  it("writes exactly the pieces' text: multi-byte characters at every batch boundary, pieces larger than a batch, empty pieces", async () => {
    const file = join(dir, "out.json");
    // 3-byte and 4-byte characters (a surrogate pair stays inside one piece) so that batches fill at odd offsets.
    const pieces: string[] = [];
    for (let i = 0; i < 40_000; i += 1) pieces.push(i % 7 === 0 ? "" : `{"n":${i},"s":"€𝄞é${"x".repeat(i % 13)}"}\n`);
    pieces.splice(20_000, 0, "€".repeat(600_000), "\n");
    await writePrivateStream(file, pieces);
    expect(readFileSync(file, "utf8")).toBe(pieces.join(""));
  });
});
