import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { writeFile, rename, mkdir, chmod, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { InputError } from "../cli/errors.js";
import { snapshotSchema, SNAPSHOT_SCHEMA_VERSION, type Snapshot } from "./schema.js";
import { parseWithSchema, readJsonFile } from "./validation.js";

export async function readSnapshot(fileName: string): Promise<Snapshot> {
  const raw = await readJsonFile(fileName, "snapshot");
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === "number" && version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      `${fileName}: snapshot schemaVersion ${version} is not supported by this version (expects ${SNAPSHOT_SCHEMA_VERSION})`,
    );
  }
  return parseSnapshot(raw, fileName);
}

export function parseSnapshot(raw: unknown, fileName = "snapshot"): Snapshot {
  return parseWithSchema(snapshotSchema, raw, "lambda-posture snapshot", fileName);
}

/**
 * Snapshots describe an account's weak points, so they are written readable by the owner only
 * (0600), through a temporary file so that a crash never leaves half a snapshot behind.
 */
export async function writeSnapshot(fileName: string, snapshot: Snapshot): Promise<void> {
  const validated = snapshotSchema.parse(snapshot);
  await writePrivateFile(fileName, `${JSON.stringify(validated, null, 2)}\n`);
}

export async function writePrivateFile(fileName: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(fileName), { recursive: true });
  const temporary = `${fileName}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  // The mode argument is masked by umask only on creation; chmod makes 0600 certain.
  await chmod(temporary, 0o600);
  await rename(temporary, fileName);
}

/** Writes text pieces to a stream, waiting whenever it asks to (a large report never sits in memory whole). */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  // Pieces are small (a line); writing them one by one costs more in stream overhead than the text.
  const BATCH_CHARACTERS = 1 << 20;
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join("");
    batch = [];
    size = 0;
    if (!stream.write(text)) await once(stream, "drain");
  };
  for (const chunk of chunks) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= BATCH_CHARACTERS) await flush();
  }
  await flush();
}

/** `writePrivateFile` for output that comes in pieces: same 0600 mode, same temporary file and rename. */
export async function writePrivateStream(fileName: string, chunks: Iterable<string>): Promise<void> {
  await mkdir(dirname(fileName), { recursive: true });
  const temporary = `${fileName}.${process.pid}.tmp`;
  // A deep buffer lets the disk write one batch while the next is produced.
  const stream = createWriteStream(temporary, { mode: 0o600 });
  try {
    await once(stream, "open");
    await writeChunks(stream, chunks);
    stream.end();
    await once(stream, "finish");
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  await chmod(temporary, 0o600);
  await rename(temporary, fileName);
}
