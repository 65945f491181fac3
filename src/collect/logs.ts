import { DescribeLogGroupsCommand, type CloudWatchLogsClient, type LogGroup as AwsLogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { logGroupNameOf } from "../snapshot/lambda-defaults.js";
import type { LambdaFunction, LogGroup } from "../snapshot/schema.js";
import { anyAnswered, type CollectContext, type PageResult } from "./context.js";

const DEFAULT_PREFIX = "/aws/lambda/";
const PAGE_SIZE = 50;
/**
 * Above this many wanted groups under /aws/lambda/, one listing of that prefix (50 groups a page)
 * costs fewer calls than one prefix query per group. Either way the account's other log groups are
 * never listed.
 */
const BATCH_THRESHOLD = 25;

/**
 * The log group of every function of a region (the one its logging configuration names, else
 * /aws/lambda/<name>), with retention and KMS key. A group that does not exist is simply not in the
 * snapshot (the view answers null); a failed query is a gap on the group's name, or on the region
 * for the batched listing. Undefined: nothing was read (not wanted, no function to ask about, or
 * every query failed on its first page).
 */
export async function collectLogGroups(
  ctx: CollectContext,
  region: string,
  functions: readonly LambdaFunction[],
): Promise<LogGroup[] | undefined> {
  if (!ctx.wants("logs:DescribeLogGroups") || functions.length === 0) return undefined;
  const client = ctx.clients.logs(region);
  const wanted = new Set(functions.map((fn) => logGroupNameOf(fn)));
  const found = new Map<string, LogGroup>();
  const keep = (group: AwsLogGroup) => {
    if (group.logGroupName && wanted.has(group.logGroupName)) found.set(group.logGroupName, toLogGroup(group, region));
  };

  const results: PageResult[] = [];
  const underDefault = [...wanted].filter((name) => name.startsWith(DEFAULT_PREFIX));
  const individually = [...wanted].filter((name) => !name.startsWith(DEFAULT_PREFIX));
  if (underDefault.length > BATCH_THRESHOLD) {
    results.push(
      await ctx.paginate(client, (token) => describeByPrefix(DEFAULT_PREFIX, token), { service: "logs", region }, {
        nextToken: (page) => page.nextToken,
        onPage: (page) => (page.logGroups ?? []).forEach(keep),
      }),
    );
  } else {
    individually.push(...underDefault);
  }
  results.push(...(await Promise.all(individually.map((name) => describeOne(ctx, client, region, name, keep)))));
  if (!anyAnswered(results)) return undefined;
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One group by prefix. Names that share the prefix sort after the exact name, so the first page
 * has it if it exists; further pages are read only while they could still hold it.
 */
async function describeOne(
  ctx: CollectContext,
  client: CloudWatchLogsClient,
  region: string,
  name: string,
  keep: (group: AwsLogGroup) => void,
): Promise<PageResult> {
  let seen = false;
  return ctx.paginate(
    client,
    (token) => describeByPrefix(name, token),
    // The group's name is the resource the gap is about: the view relates it to the function.
    { service: "logs", region, resourceArn: name },
    {
      nextToken: (page) => (seen ? undefined : page.nextToken),
      onPage: (page) => {
        for (const group of page.logGroups ?? []) {
          if (group.logGroupName === name) seen = true;
          keep(group);
        }
        // Sorted by name: once a page ends past the exact name, later pages cannot hold it.
        const last = page.logGroups?.at(-1)?.logGroupName;
        if (last !== undefined && last > name) seen = true;
      },
    },
  );
}

function describeByPrefix(prefix: string, token: string | undefined): DescribeLogGroupsCommand {
  return new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: PAGE_SIZE, ...(token ? { nextToken: token } : {}) });
}

function toLogGroup(group: AwsLogGroup, region: string): LogGroup {
  return {
    name: group.logGroupName as string,
    region,
    ...(group.arn ? { arn: group.arn.replace(/:\*$/, "") } : {}),
    retentionInDays: group.retentionInDays && group.retentionInDays > 0 ? group.retentionInDays : null,
    kmsKeyId: group.kmsKeyId ?? null,
  };
}
