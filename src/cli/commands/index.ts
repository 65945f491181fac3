import { checkCommand } from "./check.js";
import { collectCommand } from "./collect.js";
import { permissionsCommand } from "./permissions.js";
import { scanCommand } from "./scan.js";
import { checksCommand } from "./checks.js";
import { demoCommand } from "./demo.js";
import { diffCommand } from "./diff.js";
import { historyCommand } from "./history.js";
import { mergeCommand } from "./merge.js";
import type { Command } from "./types.js";

/** Every command, in the order `--help` lists them. Register a command by adding it here. */
export const COMMANDS: readonly Command[] = [scanCommand, collectCommand, checkCommand, diffCommand, historyCommand, mergeCommand, checksCommand, permissionsCommand, demoCommand];
