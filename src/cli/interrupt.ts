import { removeTemporaryFiles } from "../files/private-file.js";
import { terminalSafe } from "../text/terminal.js";
import type { CliIO } from "./io.js";

/** What an interruption must report: whether the snapshot asked for was written before it. */
export const snapshotRecord: { requested?: string; written?: string } = {};

const EXIT_ON: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGINT (Ctrl-C) and SIGTERM (a scheduler stopping the job): stop at once, remove every temporary
 * file being written, say in one line what was kept, and exit 128 + the signal number. Installed by
 * the process entry point only; the library and in-process runs leave signals to their host.
 */
export function stopOnSignals(io: CliIO): void {
  for (const signal of Object.keys(EXIT_ON) as (keyof typeof EXIT_ON)[]) {
    process.once(signal, () => {
      removeTemporaryFiles();
      const snapshot =
        snapshotRecord.requested === undefined
          ? ""
          : snapshotRecord.written !== undefined
            ? `; the snapshot was written to ${snapshotRecord.written} before it`
            : "; no snapshot was written";
      io.stderr.write(`\n${terminalSafe(`lambda-posture: interrupted by ${signal}${snapshot}; no report was written after it`)}\n`);
      process.exit(EXIT_ON[signal]);
    });
  }
}
