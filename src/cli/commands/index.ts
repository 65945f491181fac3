import { checkCommand } from "./check.js";
import { checksCommand } from "./checks.js";
import { demoCommand } from "./demo.js";
import type { Command } from "./types.js";

/** Every command, in the order `--help` lists them. Register a command by adding it here. */
export const COMMANDS: readonly Command[] = [checkCommand, demoCommand, checksCommand];
