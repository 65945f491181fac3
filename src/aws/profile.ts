import { loadSharedConfigFiles } from "@smithy/core/config";
import { InputError } from "../errors.js";

/**
 * The shared config and credentials files (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE /
 * AWS_SHARED_CREDENTIALS_FILE), read the way the SDK reads them, for two questions the SDK answers
 * badly: does the profile exist (it says "Could not resolve credentials using profile"), and which
 * region does it set (it would ask the EC2 instance metadata service before giving up).
 */
export interface SharedProfile {
  name: string;
  /** The profile's `region`: the credentials file wins over the config file, as in the SDK. */
  region?: string;
}

/** The profile the SDK would use: --profile, else AWS_PROFILE, else `default`. */
export function profileNameOf(profile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return profile || env.AWS_PROFILE || "default";
}

/** The named profile, or undefined when neither file has it. */
export async function readSharedProfile(name: string): Promise<SharedProfile | undefined> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const fromConfig = configFile[name];
  const fromCredentials = credentialsFile[name];
  if (!fromConfig && !fromCredentials) return undefined;
  const region = fromCredentials?.region ?? fromConfig?.region;
  return { name, ...(region ? { region } : {}) };
}

/**
 * Refuses, before any credential is looked up, a profile that was asked for by name (--profile or
 * AWS_PROFILE) and is in neither file. The default profile may be absent: other sources serve then.
 */
export async function assertProfileExists(profile: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const asked = profile || env.AWS_PROFILE;
  if (!asked) return;
  if (await readSharedProfile(asked)) return;
  const where = [env.AWS_CONFIG_FILE ?? "~/.aws/config", env.AWS_SHARED_CREDENTIALS_FILE ?? "~/.aws/credentials"].join(" or ");
  throw new InputError(`${profile ? "--profile" : "AWS_PROFILE"}: there is no profile named ${asked} in ${where}`);
}
