#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TOOL } from "../package-info.js";
import { COMMANDS } from "./commands/index.js";
import { ExitCode, UserError, exitCodeOfError } from "./errors.js";
import { commandHelp, globalHelp } from "./help.js";
import { snapshotRecord, stopOnSignals } from "./interrupt.js";
import { processIO, type CliIO } from "./io.js";
import { closest } from "../text/suggest.js";
import { terminalSafe } from "../text/terminal.js";
import { resolveOptions } from "./options.js";

/** Runs one CLI invocation and returns its exit code; every error becomes one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  delete snapshotRecord.requested;
  delete snapshotRecord.written;
  const [commandName, ...rest] = argv;
  if (commandName === undefined || commandName === "--help" || commandName === "-h" || commandName === "help") {
    io.stdout.write(globalHelp());
    return commandName === undefined ? ExitCode.usageOrInput : ExitCode.ok;
  }
  if (commandName === "--version" || commandName === "-v") {
    io.stdout.write(`${TOOL.version}\n`);
    return ExitCode.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === commandName);
  try {
    if (!command) {
      const suggestion = closest(commandName, COMMANDS.map((candidate) => candidate.name));
      throw new UserError(
        `unknown command ${commandName}${suggestion ? ` (did you mean ${suggestion}?)` : ""}; run \`lambda-posture --help\``,
      );
    }
    const options = await resolveOptions(command.name, rest, io.env, io.cwd);
    if (options.help) {
      io.stdout.write(commandHelp(command));
      return ExitCode.ok;
    }
    return await command.run(options, io);
  } catch (error) {
    const exitCode = exitCodeOfError(error);
    if (exitCode !== undefined) {
      io.stderr.write(`lambda-posture: ${terminalSafe((error as Error).message)}\n`);
      return exitCode;
    }
    // An unexpected error is a bug: say so plainly, with the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`lambda-posture: internal error: ${terminalSafe(message)}\n`);
    if (io.env.LAMBDA_POSTURE_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${terminalSafe(error.stack)}\n`);
    return ExitCode.couldNotScan;
  }
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    // The entry path can vanish (deleted build); then this module was not the entry point we can prove.
    return false;
  }
}

if (invokedDirectly()) {
  // The SDK's eight-line Node support warning would precede every scan (even with --quiet) and every
  // one-line error; the CLI says it in one line instead, when it matters (collect-account.ts).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // A reader that stops early (`lambda-posture checks | head`) closes the pipe: not an error of ours,
  // and nothing more can be said on stdout. Exit as a pipeline expects, without a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io = processIO();
  stopOnSignals(io);
  const code = await runCli(process.argv.slice(2), io);
  process.exitCode = code;
}
