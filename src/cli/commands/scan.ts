import { resolve } from "node:path";
import { writeSnapshot } from "../../snapshot/io.js";
import { InputError } from "../errors.js";
import { snapshotRecord } from "../interrupt.js";
import { note } from "../io.js";
import { evaluateAndReport, prepareRun } from "../pipeline.js";
import { selectChecks } from "../../library/catalogue.js";
import type { Command } from "./types.js";
import { ExitCode } from "../errors.js";
import { isOrganizationRun, renderPlan, renderSingleAccountPlan, resolveOrganizationOptions, runOrganizationScan, assertSingleAccountOptions } from "../organization.js";
import { REPORT_FORMATS, reportTargets, validateTargets } from "../write-reports.js";

export const scanCommand: Command = {
  name: "scan",
  summary: "Collect from AWS (read-only), run the checks, write reports",
  usage:
    "scan [--regions LIST|all] [--profile NAME | --role-arn ARN [--external-id ID]] [--format F]... [--output-dir DIR] [--fail-on LEVEL]\n" +
    "       scan (--accounts IDS | --accounts-file FILE | --organization [--ou IDS]) (--role-name NAME | --role-arn ARN-WITH-{accountId})\n" +
    "            --output-dir DIR [--exclude-accounts IDS] [--account-concurrency N] [--shard I/N | auto/N] [--dry-run]",
  details:
    "Credentials come from the AWS default chain (environment, shared config and SSO profiles, container\n" +
    "and instance roles), --profile, or --role-arn. Only List/Get/Describe reads are ever sent; see\n" +
    "`lambda-posture permissions`. Examples:\n" +
    "  lambda-posture scan --regions all --format json --format csv --output-dir reports/\n" +
    "  lambda-posture scan --regions eu-west-1 --baseline last-week.json --fail-on-new high\n" +
    "  lambda-posture scan --organization --role-name lambda-posture-reader --regions all --output-dir reports/\n" +
    "Several accounts: each is scanned as a single-account scan, its files under DIR/accounts/ACCOUNT/,\n" +
    "then the organisation reports go to DIR (see docs/organizations.md).",
  formats: REPORT_FORMATS,
  async run(options, io) {
    const startedAt = new Date();
    if (options.positionals.length > 0) throw new InputError(`unexpected argument ${options.positionals[0]}; see \`lambda-posture scan --help\``);
    const checks = selectChecks(options.checks, options.skipChecks);
    if (isOrganizationRun(options)) {
      if (options.history !== undefined) throw new InputError("--history keeps the trend of one account's scans; an organisation scan keeps every account's results under --output-dir DIR/accounts/");
      const plan = await resolveOrganizationOptions(options, io);
      if (options.dryRun) {
        io.stdout.write(renderPlan(options, plan, checks, io, startedAt));
        return ExitCode.ok;
      }
      const inputs = await prepareRun(options, { formats: [], outputDir: options.outputDir }, io);
      return runOrganizationScan(options, checks, inputs, plan, io, startedAt);
    }
    assertSingleAccountOptions(options);
    const targets = reportTargets(options, ["terminal"], io);
    if (options.dryRun) {
      validateTargets(targets, io);
      io.stdout.write(renderSingleAccountPlan(options, checks, targets, io));
      return ExitCode.ok;
    }
    const inputs = await prepareRun(options, targets, io);
    // Loaded on use: the AWS SDK clients take a noticeable part of start-up, which offline commands skip.
    const { collectAccount } = await import("../collect-account.js");
    if (options.snapshotOut) snapshotRecord.requested = resolve(io.cwd, options.snapshotOut);
    const { snapshot } = await collectAccount(options, checks, io);
    // Saved before anything else can fail, so a reporting error never loses the collection.
    if (snapshotRecord.requested) {
      await writeSnapshot(snapshotRecord.requested, snapshot);
      snapshotRecord.written = snapshotRecord.requested;
      note(io, options.quiet, `wrote snapshot ${snapshotRecord.requested}`);
    }
    const outcome = await evaluateAndReport(snapshot, checks, options, targets, inputs, io, startedAt);
    return outcome.exitCode;
  },
};
