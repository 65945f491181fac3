import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { partitionOfArn } from "../arn.js";
import { withReadSignal, type AwsClients } from "./clients.js";
import { AwsUnavailableError, RegionListError, classifyAwsError } from "./errors.js";

export interface AccountIdentity {
  accountId: string;
  /** aws, aws-cn, aws-us-gov, ... taken from the caller ARN. */
  partition: string;
  /** The caller's ARN (an assumed-role session when --role-arn is used). */
  callerArn: string;
}

/** Region used for global calls when none is given: the SDK's environment variables, else us-east-1. */
export function defaultHomeRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

/**
 * Who the credentials are, with STS GetCallerIdentity (which needs no permission). Any failure here
 * means nothing can be scanned: no credentials, credentials AWS refuses, a role that cannot be
 * assumed or no endpoint reachable. It becomes one AwsUnavailableError (exit 3).
 */
export async function resolveAccount(clients: AwsClients, abortSignal?: AbortSignal): Promise<AccountIdentity> {
  let output;
  try {
    output = await withReadSignal(abortSignal ?? new AbortController().signal, clients.readBudgetMs, (signal) => clients.sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
  } catch (error) {
    if (abortSignal?.aborted) {
      throw new AwsUnavailableError(`cannot identify the AWS account: ${String((abortSignal.reason as Error | undefined)?.message ?? "stopped")} before STS answered`, "DeadlineExceeded");
    }
    const classified = classifyAwsError(error);
    const hint =
      classified.kind === "credentials" || classified.code === "CredentialsProviderError"
        ? " (set AWS credentials, --profile, or --role-arn)"
        : classified.kind === "network"
          ? " (is the network, or AWS_ENDPOINT_URL, reachable?)"
          : "";
    throw new AwsUnavailableError(
      `cannot identify the AWS account: ${classified.code}: ${classified.message}${hint}`,
      classified.code,
    );
  }
  const accountId = output.Account;
  const callerArn = output.Arn ?? "";
  if (!accountId || !/^\d{12}$/.test(accountId)) {
    throw new AwsUnavailableError("cannot identify the AWS account: GetCallerIdentity returned no account id", "NoAccountId");
  }
  const partition = partitionOfArn(callerArn) ?? "aws";
  return { accountId, partition, callerArn };
}

/**
 * The regions to scan: the list given, or for `all` the account's enabled regions from EC2
 * DescribeRegions (which lists only regions enabled for the account unless AllRegions is set).
 */
export async function resolveRegions(clients: AwsClients, requested: readonly string[] | "all", abortSignal?: AbortSignal): Promise<string[]> {
  if (requested !== "all") return [...new Set(requested)];
  try {
    const output = await withReadSignal(abortSignal ?? new AbortController().signal, clients.readBudgetMs, (signal) =>
      clients.ec2(clients.homeRegion).send(new DescribeRegionsCommand({}), { abortSignal: signal }),
    );
    const regions = (output.Regions ?? [])
      .filter((region) => region.OptInStatus === undefined || region.OptInStatus !== "not-opted-in")
      .map((region) => region.RegionName)
      .filter((name): name is string => typeof name === "string" && name.length > 0)
      .sort();
    if (regions.length === 0) throw Object.assign(new Error("DescribeRegions returned no region"), { name: "NoRegions" });
    return regions;
  } catch (error) {
    const classified = classifyAwsError(error);
    throw new RegionListError(
      `cannot list the account's enabled regions for --regions all (ec2:DescribeRegions: ${classified.code}: ${classified.message}); name the regions instead, e.g. --regions us-east-1,eu-west-1`,
      classified.code,
    );
  }
}
