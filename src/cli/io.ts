import { terminalSafe } from "../text/terminal.js";

/** What commands may touch of the process, passed in so that tests can capture it. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns: number;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns ?? 80,
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(io: CliIO): boolean {
  return io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
}

/** Progress and notes for people: stderr, silenced by --quiet; never a raw control character from data. */
export function note(io: CliIO, quiet: boolean, message: string): void {
  if (!quiet) io.stderr.write(`${terminalSafe(message)}\n`);
}
