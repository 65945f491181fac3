import { profileNameOf, readSharedProfile } from "../aws/profile.js";
import { InputError } from "../errors.js";

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * The regions to scan: the ones asked for, else AWS_REGION / AWS_DEFAULT_REGION, else the region of
 * the profile in use (~/.aws/config), as the AWS CLI would pick it. `all` means the account's
 * enabled regions. Never asks the instance metadata service, as the SDK would.
 */
export async function selectRegions(
  requested: readonly string[] | undefined,
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<readonly string[] | "all"> {
  let regions = requested ?? [env.AWS_REGION ?? env.AWS_DEFAULT_REGION].filter((region): region is string => Boolean(region));
  if (regions.length === 0) {
    const name = profileNameOf(profile, env);
    const region = (await readSharedProfile(name))?.region;
    if (region) regions = [region];
  }
  if (regions.length === 0) {
    throw new InputError("no region to scan: give --regions eu-west-1,us-east-1 (or all), set AWS_REGION, or set region in the profile");
  }
  if (regions.includes("all")) {
    if (regions.length > 1) throw new InputError("--regions: `all` cannot be combined with named regions");
    return "all";
  }
  for (const region of regions) {
    if (!REGION_NAME.test(region)) throw new InputError(`--regions: ${region} is not a region name such as eu-west-1`);
  }
  return [...new Set(regions)];
}
