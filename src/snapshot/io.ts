import { writeFile, rename, mkdir, chmod } from "node:fs/promises";
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
