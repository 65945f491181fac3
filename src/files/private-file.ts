import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { constants, rmSync } from "node:fs";
import { access, lstat, mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { InputError } from "../errors.js";

/**
 * Reports and snapshots describe an account's weak points: they are written readable by the owner
 * only (0600), never through a link, and never over anything but a regular file.
 *
 * - Every output path is checked before the work starts (`checkOutputPath`): a directory, a symbolic
 *   link, a FIFO, a device or a socket is refused, so a long scan never ends unable to write.
 * - Content goes to a temporary file beside the target, with an unpredictable name, created
 *   exclusively (O_EXCL: an existing file or a planted symlink at that name makes the open fail),
 *   mode 0600; then it is renamed over the target, after checking once more that the target is
 *   absent or a regular file. A crash or a signal never leaves half a file at the target.
 * - Temporary files are removed on every error, and by `removeTemporaryFiles()` on a signal.
 */

/** Temporary files being written now: what a signal handler must remove. Process-wide by nature. */
const temporaryFiles = new Set<string>();

/** Removes every temporary file still being written (synchronous: safe in a signal handler). */
export function removeTemporaryFiles(): void {
  for (const path of temporaryFiles) rmSync(path, { force: true });
  temporaryFiles.clear();
}

/** What is at `path`, for a one-line refusal; undefined when it is absent or a regular file. */
async function refusalFor(path: string): Promise<string | undefined> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    // Absent, or under something that is not a directory (which the ancestor check reports).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return "is a symbolic link";
  if (stats.isDirectory()) return "is a directory";
  if (stats.isFIFO()) return "is a FIFO";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "is a device";
  if (stats.isSocket()) return "is a socket";
  return "is not a regular file";
}

/**
 * Refuses, with one line naming `what` (e.g. `--output`), a path that is not absent or a regular
 * file, and a path whose nearest existing ancestor is not a writable directory. Nothing is created.
 */
export async function checkOutputPath(path: string, what: string): Promise<void> {
  const refusal = await refusalFor(path);
  if (refusal) throw new InputError(`${what}: ${path} ${refusal}; give the path of a regular file (an existing one is replaced)`);
  let existing = dirname(path);
  for (let depth = 0; depth < 4096; depth += 1) {
    try {
      const stats = await lstat(existing);
      if (stats.isSymbolicLink() || stats.isDirectory()) break;
      throw new InputError(`${what}: cannot write ${path} (${existing} is not a directory)`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
      if (dirname(existing) === existing) break;
      existing = dirname(existing);
    }
  }
  try {
    await access(existing, constants.W_OK);
  } catch (error) {
    throw new InputError(`${what}: cannot write ${path} (${existing}: ${(error as NodeJS.ErrnoException).code ?? "not writable"})`);
  }
  try {
    await access(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new InputError(`${what}: cannot write ${path} (${code ?? "not writable"})`);
  }
}

/** Opens a fresh temporary file beside `fileName`: random name, O_CREAT|O_EXCL, mode 0600. */
async function openTemporary(fileName: string): Promise<{ path: string; handle: FileHandle }> {
  await mkdir(dirname(fileName), { recursive: true });
  const path = join(dirname(fileName), `.${basename(fileName)}.${randomBytes(8).toString("hex")}.tmp`);
  temporaryFiles.add(path);
  try {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    // The mode given to open is masked by umask; fchmod on the open file makes 0600 certain.
    await handle.chmod(0o600);
    return { path, handle };
  } catch (error) {
    temporaryFiles.delete(path);
    throw error;
  }
}

/** Renames the finished temporary file over the target, which must still be absent or a regular file. */
async function publish(temporary: string, fileName: string): Promise<void> {
  const refusal = await refusalFor(fileName);
  if (refusal) throw new InputError(`${fileName} ${refusal}; it was not replaced`);
  await rename(temporary, fileName);
  temporaryFiles.delete(temporary);
}

async function writeThroughTemporary(fileName: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const { path, handle } = await openTemporary(fileName);
  try {
    try {
      await write(handle);
    } finally {
      await handle.close();
    }
    await publish(path, fileName);
  } catch (error) {
    await rm(path, { force: true });
    temporaryFiles.delete(path);
    throw error;
  }
}

/** Writes a whole file privately (see the module comment). */
export async function writePrivateFile(fileName: string, content: string | Uint8Array): Promise<void> {
  await writeThroughTemporary(fileName, async (handle) => {
    await handle.writeFile(content);
  });
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

/**
 * `writeChunks` for a file: the pieces are encoded straight into 1 MiB buffers instead of being joined
 * into a string that the stream then encodes (a 10,000-function JSON result is written in about 60%
 * of the time). Terminals and test doubles keep getting strings from `writeChunks`.
 */
export async function writeEncodedChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  const BATCH_BYTES = 1 << 20;
  let buffer = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  const flush = async () => {
    if (used === 0) return;
    const full = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(BATCH_BYTES);
    used = 0;
    if (!stream.write(full)) await once(stream, "drain");
  };
  for (const chunk of chunks) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (chunk.length * 3 > BATCH_BYTES - used) {
      await flush();
      if (chunk.length * 3 > BATCH_BYTES) {
        if (!stream.write(chunk)) await once(stream, "drain");
        continue;
      }
    }
    used += buffer.write(chunk, used);
  }
  await flush();
}

/** `writePrivateFile` for output that comes in pieces. */
export async function writePrivateStream(fileName: string, chunks: Iterable<string>): Promise<void> {
  await writePrivateWith(fileName, async (stream) => {
    await writeEncodedChunks(stream, chunks);
    stream.end();
  });
}

/**
 * `writePrivateFile` for a producer that writes to a stream itself (a zip writer): `write` may end
 * the stream or leave that to this function; the file is published once the stream has finished.
 */
export async function writePrivateWith(fileName: string, write: (stream: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  await writeThroughTemporary(fileName, async (handle) => {
    // The stream closes the handle when it is done (a handle a stream was made from cannot be closed
    // while the stream holds it); closing it again afterwards is harmless.
    const stream = handle.createWriteStream();
    try {
      await write(stream);
      if (!stream.writableEnded) stream.end();
      await finished(stream);
    } catch (error) {
      stream.destroy();
      await finished(stream).catch(() => undefined);
      throw error;
    }
  });
}
