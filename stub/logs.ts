import type { ServiceHandlers } from "./context.js";
import { AwsError, page } from "./protocol.js";

/**
 * CloudWatch Logs (JSON 1.1: POST / with X-Amz-Target Logs_20140328.<Operation>). DescribeLogGroups
 * filters by `logGroupNamePrefix`, `logGroupNamePattern` (substring) or `logGroupIdentifiers` (names
 * or ARNs, at most 50, exclusive of the other two), 50 a page at most.
 */
export const logsHandlers: ServiceHandlers = {
  service: "logs",
  resourceOf(ctx) {
    const prefix = ctx.json.logGroupNamePrefix;
    return typeof prefix === "string" ? prefix : null;
  },
  handlers: {
    DescribeLogGroups(ctx) {
      const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern, logGroupIdentifiers: identifiers } = ctx.json;
      const limit = ctx.json.limit === undefined ? 50 : Number(ctx.json.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        throw new AwsError("InvalidParameterException", "limit must be between 1 and 50", 400);
      }
      if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) {
        throw new AwsError(
          "InvalidParameterException",
          "logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern",
          400,
        );
      }
      if (prefix !== undefined && pattern !== undefined) {
        throw new AwsError("InvalidParameterException", "logGroupNamePrefix and logGroupNamePattern are mutually exclusive", 400);
      }
      let groups = ctx.index.logGroupsByRegion.get(ctx.region) ?? [];
      if (typeof prefix === "string") groups = groups.filter((group) => group.name.startsWith(prefix));
      if (typeof pattern === "string") groups = groups.filter((group) => group.name.includes(pattern));
      if (Array.isArray(identifiers)) {
        if (identifiers.length > 50) {
          throw new AwsError("InvalidParameterException", "logGroupIdentifiers has more than 50 items", 400);
        }
        const wanted = new Set(
          identifiers.map((identifier) => {
            const value = String(identifier);
            // arn:aws:logs:region:account:log-group:NAME[:*]
            return value.startsWith("arn:") ? value.split(":").slice(6).join(":").replace(/:\*$/, "") : value;
          }),
        );
        groups = groups.filter((group) => wanted.has(group.name));
      }
      const result = page(groups, typeof ctx.json.nextToken === "string" ? ctx.json.nextToken : undefined, limit, "logs");
      const { accountId, partition } = ctx.index.account;
      return {
        logGroups: result.items.map((group) => {
          const arn = group.arn ?? `arn:${partition}:logs:${ctx.region}:${accountId}:log-group:${group.name}`;
          return {
            logGroupName: group.name,
            creationTime: Date.parse("2025-06-01T00:00:00Z"),
            retentionInDays: group.retentionInDays ?? undefined,
            metricFilterCount: 0,
            arn: `${arn}:*`,
            logGroupArn: arn,
            storedBytes: 1024,
            kmsKeyId: group.kmsKeyId ?? undefined,
            logGroupClass: "STANDARD",
            deletionProtectionEnabled: false,
          };
        }),
        nextToken: result.next,
      };
    },
  },
};
