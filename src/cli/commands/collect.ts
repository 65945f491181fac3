import { resolve } from "node:path";
import { checkOutputPath } from "../../files/private-file.js";
import { writeSnapshot } from "../../snapshot/io.js";
import { InputError } from "../errors.js";
import { snapshotRecord } from "../interrupt.js";
import { note } from "../io.js";
import { selectChecks } from "../../library/catalogue.js";
import { assertFileName } from "../write-document.js";
import type { Command } from "./types.js";

export const collectCommand: Command = {
  name: "collect",
  summary: "Collect a snapshot from AWS (read-only) without running checks",
  usage: "collect --output FILE [--regions LIST|all] [--profile NAME | --role-arn ARN]",
  details:
    "The snapshot (mode 0600) can be checked later, offline, with `lambda-posture check --snapshot FILE`.\n" +
    "--checks / --skip-checks limit collection to the reads those checks need.",
  async run(options, io) {
    if (options.positionals.length > 0) throw new InputError(`unexpected argument ${options.positionals[0]}; see \`lambda-posture collect --help\``);
    if (!options.output || options.output === "-") throw new InputError("collect needs --output FILE for the snapshot");
    assertFileName(options.output);
    const checks = selectChecks(options.checks, options.skipChecks);
    const path = resolve(io.cwd, options.output);
    await checkOutputPath(path, "--output");
    snapshotRecord.requested = path;
    const { collectAccount } = await import("../collect-account.js");
    const { snapshot } = await collectAccount(options, checks, io);
    await writeSnapshot(path, snapshot);
    snapshotRecord.written = path;
    note(io, options.quiet, `wrote snapshot ${path} (${snapshot.functions.length} functions, ${snapshot.gaps.length} gaps)`);
    return 0;
  },
};
