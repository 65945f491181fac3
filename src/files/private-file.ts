import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { chmod, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Reports and snapshots describe an account's weak points, so they are written readable by the
 * owner only (0600), through a temporary file so that a crash never leaves half a file behind.
 */
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
