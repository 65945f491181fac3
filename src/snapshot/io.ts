import { InputError } from "../errors.js";
import { parseWithSchema, readJsonFile } from "../files/json-input.js";
import { writePrivateFile } from "../files/private-file.js";
import { READABLE_SNAPSHOT_VERSIONS, snapshotSchema, type Snapshot } from "./schema.js";

export async function readSnapshot(fileName: string): Promise<Snapshot> {
  const raw = await readJsonFile(fileName, "snapshot");
  const document = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  // The other documents this tool writes, named for what they are, with the command that takes them.
  if (Array.isArray(document.findings) && typeof document.summary === "object") {
    throw new InputError(`${fileName}: this is a scan result, not a snapshot; \`diff\` and \`--baseline\` take scan results, \`check --snapshot\` takes a file written by \`collect\` or \`scan --snapshot-out\``);
  }
  if (document.kind === "lambda-posture-diff") {
    throw new InputError(`${fileName}: this is a diff, not a snapshot; \`check --snapshot\` takes a file written by \`collect\` or \`scan --snapshot-out\``);
  }
  const version = document.schemaVersion;
  if (typeof version === "number" && !(READABLE_SNAPSHOT_VERSIONS as readonly number[]).includes(version)) {
    throw new InputError(
      `${fileName}: snapshot schemaVersion ${version} is not supported by this version (it reads ${READABLE_SNAPSHOT_VERSIONS.join(" and ")}; a newer lambda-posture wrote it?)`,
    );
  }
  return parseSnapshot(raw, fileName);
}

export function parseSnapshot(raw: unknown, fileName = "snapshot"): Snapshot {
  return parseWithSchema(snapshotSchema, raw, "lambda-posture snapshot", fileName);
}

/** Snapshots are private files (mode 0600, written through a temporary file). */
export async function writeSnapshot(fileName: string, snapshot: Snapshot): Promise<void> {
  const validated = snapshotSchema.parse(snapshot);
  await writePrivateFile(fileName, `${JSON.stringify(validated, null, 2)}\n`);
}
