import { OrganizationResultBuilder, organizationView, type OrganizationResult } from "../src/engine/organization.js";
import type { ScanResult } from "../src/engine/result-schema.js";
import { check } from "../src/library/check.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../stub/synthetic.js";

/**
 * An organisation of `accounts` synthetic accounts of `functions` functions each, checked in process
 * and put together as an organisation scan does, each account with the files an organisation scan
 * writes for it (accounts/ACCOUNT/…): what the organisation reports are measured on.
 */
export async function syntheticOrganization(accounts: number, functions: number): Promise<{ organization: OrganizationResult; view: ScanResult }> {
  const builder = new OrganizationResultBuilder();
  const collectedAt = "2026-11-01T00:00:00.000Z";
  for (let index = 0; index < accounts; index += 1) {
    const accountId = String(100_000_000_000 + index * 7919);
    const account = generateSyntheticAccount({ functions, regions: ["us-east-1", "eu-west-1"], seed: 1000 + index, accountId });
    const result = await check(syntheticSnapshot(account, collectedAt), { scanId: `account-${index}`, startedAt: new Date(collectedAt) });
    const base = `accounts/${accountId}/lambda-posture-${accountId}-20261101T000000Z`;
    builder.addScanned({ identity: { accountId, name: `team-${index}`, state: "ACTIVE", parentId: "r-a1b2" }, result, files: { json: `${base}.json`, xlsx: `${base}.xlsx`, html: `${base}.html` } });
  }
  const organization = builder.build({
    scanId: "organization",
    tool: { name: "lambda-posture", version: "bench" },
    startedAt: collectedAt,
    finishedAt: "2026-11-01T01:00:00.000Z",
    partition: "aws",
    organization: { id: "o-benchmark1", managementAccountId: "100000000000" },
    selection: { source: "organization", organizationalUnits: [], excluded: [], shard: null },
  });
  return { organization, view: organizationView(organization) };
}
