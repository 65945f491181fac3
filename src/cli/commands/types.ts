import type { CliIO } from "../io.js";
import type { ResolvedOptions } from "../options.js";

export interface Command {
  name: string;
  summary: string;
  /** Usage line(s) after `lambda-posture `. */
  usage: string;
  /** Extra help text: what it does, examples. */
  details?: string;
  /** The values its --format takes, listed under the option in --help. */
  formats?: readonly string[];
  run(options: ResolvedOptions, io: CliIO): Promise<number>;
}
