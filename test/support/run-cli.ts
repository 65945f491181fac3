import { Writable } from "node:stream";
import { runCli } from "../../src/cli/main.js";
import { cliEnvironment, ROOT, type CliRun, type CliRunOptions } from "./cli.js";

class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/**
 * Runs one CLI invocation in this process through `runCli(argv, io)`, with stdout and stderr captured
 * and the same scrubbed environment as `spawnCli`. The AWS SDK reads its settings (AWS_ENDPOINT_URL,
 * credentials, region) from `process.env`, not from the CLI's io, so for the duration of the run the
 * AWS_* variables of `process.env` are replaced by the run's own and restored afterwards. Each vitest
 * fork is its own process and runs a file's tests one at a time, so nothing else sees the swap.
 */
export async function runCliInProcess(args: string[], options: CliRunOptions & { tty?: boolean } = {}): Promise<CliRun> {
  const env = cliEnvironment(options.env);
  const stdout = new Capture();
  const stderr = new Capture();
  const restore = swapAwsEnvironment(env);
  try {
    const code = await runCli(args, {
      stdout,
      stderr,
      env,
      cwd: options.cwd ?? ROOT,
      stdoutIsTTY: options.tty ?? false,
      stderrIsTTY: options.tty ?? false,
      columns: 80,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    restore();
  }
}

const isAwsVariable = (key: string) => key.startsWith("AWS_");

function swapAwsEnvironment(env: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([key]) => isAwsVariable(key)));
  for (const key of Object.keys(saved)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (isAwsVariable(key)) process.env[key] = value;
  return () => {
    for (const key of Object.keys(process.env)) if (isAwsVariable(key)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}
