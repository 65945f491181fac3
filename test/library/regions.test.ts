import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { assertProfileExists } from "../../src/aws/profile.js";
import { InputError } from "../../src/errors.js";
import { selectRegions } from "../../src/library/regions.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lp-profile-"));
  await writeFile(join(dir, "config"), "[default]\nregion = eu-north-1\n\n[profile audit]\nregion = ap-south-1\n\n[profile noregion]\noutput = json\n");
  await writeFile(join(dir, "credentials"), "[audit]\naws_access_key_id = AKIAEXAMPLENOTREAL01\naws_secret_access_key = not-a-real-secret\nregion = ap-southeast-2\n");
  vi.stubEnv("AWS_CONFIG_FILE", join(dir, "config"));
  vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(dir, "credentials"));
  vi.stubEnv("AWS_PROFILE", undefined);
  vi.stubEnv("AWS_REGION", undefined);
});

const env = (extra: Record<string, string> = {}) => ({ ...extra }) as NodeJS.ProcessEnv;

describe("selectRegions", () => {
  it("takes --regions first, then AWS_REGION / AWS_DEFAULT_REGION", async () => {
    expect(await selectRegions(["us-east-1", "us-east-1"], "audit", env({ AWS_REGION: "eu-west-1" }))).toEqual(["us-east-1"]);
    expect(await selectRegions(undefined, "audit", env({ AWS_REGION: "eu-west-1" }))).toEqual(["eu-west-1"]);
    expect(await selectRegions(undefined, undefined, env({ AWS_DEFAULT_REGION: "ca-central-1" }))).toEqual(["ca-central-1"]);
  });

  it("falls back to the region of the profile in use, the credentials file winning as in the SDK", async () => {
    expect(await selectRegions(undefined, "audit", env())).toEqual(["ap-southeast-2"]);
    expect(await selectRegions(undefined, undefined, env({ AWS_PROFILE: "audit" }))).toEqual(["ap-southeast-2"]);
    expect(await selectRegions(undefined, undefined, env())).toEqual(["eu-north-1"]);
  });

  it("says where a region can come from when none is set", async () => {
    await expect(selectRegions(undefined, "noregion", env())).rejects.toThrow(/no region to scan: give --regions .*set region in the profile/);
  });

  it("checks region names and `all`", async () => {
    expect(await selectRegions(["all"], undefined, env())).toBe("all");
    await expect(selectRegions(["all", "eu-west-1"], undefined, env())).rejects.toThrow(/cannot be combined/);
    await expect(selectRegions(["eu-west"], undefined, env())).rejects.toThrow(/is not a region name/);
  });
});

describe("assertProfileExists", () => {
  it("names a missing profile as missing, from --profile or AWS_PROFILE", async () => {
    const error = await assertProfileExists("nope", process.env).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`--profile: there is no profile named nope in ${join(dir, "config")} or ${join(dir, "credentials")}`);
    vi.stubEnv("AWS_PROFILE", "gone");
    await expect(assertProfileExists(undefined, process.env)).rejects.toThrow(/^AWS_PROFILE: there is no profile named gone/);
  });

  it("accepts a profile in either file, and no profile at all", async () => {
    await assertProfileExists("audit", env());
    await assertProfileExists("noregion", env());
    await assertProfileExists(undefined, env());
  });
});
