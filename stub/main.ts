import { readFile } from "node:fs/promises";
import { demoSnapshotPath } from "../src/package-info.js";
import { parseSnapshot } from "../src/snapshot/io.js";
import { accountFromSnapshot, type StubAccount } from "./account.js";
import { stubEnvironment } from "./clients.js";
import type { FaultRule } from "./faults.js";
import { startStub } from "./server.js";
import { generateSyntheticAccount } from "./synthetic.js";
import { generateSyntheticOrganization } from "./synthetic-organization.js";

/**
 * Runs the loopback stub on its own, to point a hand-run lambda-posture at it:
 *
 *   npm run build
 *   node dist/stub/main.js                                   # the bundled demo account (src/demo)
 *   node dist/stub/main.js --synthetic 500 --regions eu-west-1,us-east-1 [--seed 7]
 *   node dist/stub/main.js --snapshot some-snapshot.json     # any snapshot as the account
 *   node dist/stub/main.js --organization 5 --synthetic 100 [--unassumable 1] [--suspended 1] [--ous 2] [--external-id X]
 *       # an AWS Organization of 5 accounts (management included) of 100 functions each; members
 *       # carry the role lambda-posture-reader trusting the management account (stub/synthetic-organization.ts)
 *   ... [--no-quotas] [--latency 25] [--throttle 0.2]
 *   ... [--emulator json-501|html-404]   # answer as an emulator: no ListCodeSigningConfigs, no LoggingConfig
 *
 * It prints the environment to export, then serves until interrupted and prints the call counts.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const synthetic = value("--synthetic");
  const organizationSize = value("--organization");
  let account: StubAccount;
  let members: StubAccount[] = [];
  const count = (flag: string) => Number(value(flag) ?? 0);
  if (organizationSize) {
    const organization = generateSyntheticOrganization({
      accounts: Number(organizationSize),
      functionsPerAccount: Number(synthetic ?? 20),
      regions: (value("--regions") ?? "eu-west-1,us-east-1").split(","),
      seed: Number(value("--seed") ?? 1),
      unassumable: count("--unassumable"),
      suspended: count("--suspended"),
      organizationalUnits: count("--ous"),
      ...(value("--external-id") !== undefined ? { externalId: value("--external-id") as string } : {}),
    });
    account = organization.management;
    members = organization.members;
    process.stdout.write(
      `organisation ${organization.organization.id}: management ${account.accountId}, members with role ${organization.readerRoleName}: ` +
        `assumable ${organization.assumableAccountIds.join(",") || "none"}; unassumable ${organization.unassumableAccountIds.join(",") || "none"}; ` +
        `suspended ${organization.suspendedAccountIds.join(",") || "none"}\n`,
    );
  } else if (synthetic) {
    account = generateSyntheticAccount({
      functions: Number(synthetic),
      regions: (value("--regions") ?? "eu-west-1,us-east-1").split(","),
      seed: Number(value("--seed") ?? 1),
    });
  } else {
    // The stub lives outside test/ (bench and the README use it), so its default account is the
    // product's own demo snapshot rather than the e2e fixture.
    const snapshotFile = value("--snapshot") ?? demoSnapshotPath;
    account = accountFromSnapshot(parseSnapshot(JSON.parse(await readFile(snapshotFile, "utf8")), snapshotFile));
  }
  const emulator = value("--emulator");
  if (emulator !== undefined && emulator !== "json-501" && emulator !== "html-404") throw new Error("--emulator takes json-501 or html-404");
  const throttle = value("--throttle");
  const faults: FaultRule[] = throttle ? [{ kind: "throttle", probability: Number(throttle) }] : [];
  const stub = await startStub({
    account,
    members,
    faults,
    quotas: argv.includes("--no-quotas") ? false : {},
    latencyMs: Number(value("--latency") ?? 0),
    recordCalls: false,
    ...(emulator ? { emulator: { answer: emulator } } : {}),
  });
  const env = stubEnvironment(stub.url, { AWS_REGION: account.regions[0] ?? "us-east-1" });
  process.stdout.write(`loopback AWS stub for account ${account.accountId} (${account.functions.length} functions, regions ${account.regions.join(",")})\n`);
  for (const [key, val] of Object.entries(env)) process.stdout.write(`export ${key}=${val}\n`);
  process.stdout.write("Ctrl-C to stop and print the calls received.\n");
  process.on("SIGINT", () => {
    const stats = stub.stats();
    const callsByAccount = Object.fromEntries(Object.entries(stats.byAccount).map(([id, entry]) => [id, entry.total]));
    process.stdout.write(`${JSON.stringify({ calls: stats.calls, throttled: stats.throttled, unknown: stats.unknown, callsByAccount }, null, 2)}\n`);
    void stub.close().then(() => process.exit(0));
  });
}

await main();
