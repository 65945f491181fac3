/**
 * Lambda managed runtimes and their deprecation schedule.
 *
 * Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (tables "Supported
 * runtimes" and "Deprecated runtimes"). Re-checked on RUNTIME_TABLE_AS_OF (2026-11-30, issue 13)
 * against the most recent copies we could retrieve: the per-language pages that carry the same table
 * (lambda-nodejs, lambda-python, lambda-java, lambda-ruby, lambda-csharp on docs.aws.amazon.com and
 * docs.amazonaws.cn, stored copies of April–August 2026), the endoflife.date scrape of the main page
 * (endoflife-date/release-data releases/aws-lambda.json, file of 2026-08-15, which records the
 * deprecation and block-update dates but not block-create), and the botocore Runtime enum of
 * 2026-08-07 (which runtimes exist). That re-check changed: dotnet8 block-create 2027-02-01 (the
 * newest .NET page); java8.al2 block-create 2027-07-31 (the Java page, as java11 and java17); new rows
 * nodejs26.x and python3.15 (supported, no dates announced). No deprecation or block-update date
 * differed. Still unconfirmed against the live page: the block-create dates of nodejs18.x,
 * nodejs20.x, python3.10, ruby3.2 and provided.al2 after AWS moved their block-update dates to
 * 2027-03-03 in May 2026 (kept null: not confirmed), and python3.9's 2027-02-01 (kept: it follows the
 * same move as dotnet8's, which is confirmed).
 *
 * AWS moves these dates (in May 2026 it pushed the block-update date of most deprecated and
 * soon-deprecated runtimes to 2027-03-03), so checks judge them against the snapshot's collectedAt
 * and users can override rows in the config file (`checkSettings.runtimeOverrides`).
 *
 * deprecationDate: security patches and support end. blockCreateDate / blockUpdateDate: Lambda
 * stops accepting new functions, then updates, on this runtime. null: not announced, or (for
 * blockCreateDate of rows whose block-update date moved in 2026) not confirmed against the current page.
 */
export const RUNTIME_TABLE_SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";
export const RUNTIME_TABLE_AS_OF = "2026-11-30";

export interface RuntimeLifecycle {
  identifier: string;
  name: string;
  deprecationDate: string | null;
  blockCreateDate: string | null;
  blockUpdateDate: string | null;
}

const row = (
  identifier: string,
  name: string,
  deprecationDate: string | null,
  blockCreateDate: string | null = null,
  blockUpdateDate: string | null = null,
): RuntimeLifecycle => ({ identifier, name, deprecationDate, blockCreateDate, blockUpdateDate });

export const RUNTIME_TABLE: readonly RuntimeLifecycle[] = Object.freeze([
  // Supported (projected dates; none announced yet for the newest)
  row("nodejs26.x", "Node.js 26", null),
  row("nodejs24.x", "Node.js 24", "2028-04-30", "2028-06-01", "2028-07-01"),
  row("nodejs22.x", "Node.js 22", "2027-04-30", "2027-06-01", "2027-07-01"),
  row("python3.15", "Python 3.15", null),
  row("python3.14", "Python 3.14", "2029-06-30", "2029-07-31", "2029-08-31"),
  row("python3.13", "Python 3.13", "2029-06-30", "2029-07-31", "2029-08-31"),
  row("python3.12", "Python 3.12", "2028-10-31", "2028-11-30", "2029-01-10"),
  row("python3.11", "Python 3.11", "2027-06-30", "2027-07-31", "2027-08-31"),
  row("java25", "Java 25", "2029-06-30", "2029-07-31", "2029-08-31"),
  row("java21", "Java 21", "2029-06-30", "2029-07-31", "2029-08-31"),
  row("java17.al2023", "Java 17 (Amazon Linux 2023)", "2029-06-30", null, "2029-08-31"),
  row("java17", "Java 17", "2027-06-30", "2027-07-31", "2027-08-31"),
  row("java11.al2023", "Java 11 (Amazon Linux 2023)", "2029-06-30", null, "2029-08-31"),
  row("java11", "Java 11", "2027-06-30", "2027-07-31", "2027-08-31"),
  row("java8.al2023", "Java 8 (Amazon Linux 2023)", "2029-06-30", null, "2029-08-31"),
  row("java8.al2", "Java 8 (Amazon Linux 2)", "2027-06-30", "2027-07-31", "2027-08-31"),
  row("dotnet10", ".NET 10", "2028-11-14", "2028-12-14", "2029-01-15"),
  row("dotnet9", ".NET 9 (container only)", "2026-11-10", null, null),
  row("dotnet8", ".NET 8", "2026-11-10", "2027-02-01", "2027-03-03"),
  row("ruby4.0", "Ruby 4.0", "2029-03-31", null, "2029-05-31"),
  row("ruby3.4", "Ruby 3.4", "2028-03-31", "2028-04-30", "2028-05-31"),
  row("ruby3.3", "Ruby 3.3", "2027-03-31", "2027-04-30", "2027-05-31"),
  row("provided.al2023", "OS-only runtime (Amazon Linux 2023)", "2029-06-30", "2029-07-31", "2029-08-31"),
  // Deprecated in 2026, updates still accepted until the 2027 block date
  row("nodejs20.x", "Node.js 20", "2026-04-30", null, "2027-03-03"),
  row("python3.10", "Python 3.10", "2026-10-31", null, "2027-03-03"),
  row("ruby3.2", "Ruby 3.2", "2026-03-31", null, "2027-03-03"),
  row("provided.al2", "OS-only runtime (Amazon Linux 2)", "2026-07-31", null, "2027-03-03"),
  // Deprecated
  row("nodejs18.x", "Node.js 18", "2025-09-01", null, "2027-03-03"),
  row("nodejs16.x", "Node.js 16", "2024-06-12", null, "2027-03-03"),
  row("nodejs14.x", "Node.js 14", "2023-12-04", null, "2027-03-03"),
  row("nodejs12.x", "Node.js 12", "2023-03-31", "2023-03-31", "2023-04-30"),
  row("nodejs10.x", "Node.js 10", "2021-07-30", "2021-07-30", "2022-02-14"),
  row("nodejs8.10", "Node.js 8.10", "2020-03-06", "2020-03-06", "2020-03-06"),
  row("python3.9", "Python 3.9", "2025-12-15", "2027-02-01", "2027-03-03"),
  row("python3.8", "Python 3.8", "2024-10-14", null, "2027-03-03"),
  row("python3.7", "Python 3.7", "2023-12-04", null, "2027-03-03"),
  row("python3.6", "Python 3.6", "2022-07-18", "2022-07-18", "2022-08-29"),
  row("python2.7", "Python 2.7", "2021-07-15", "2021-07-15", "2022-05-30"),
  row("java8", "Java 8 (Amazon Linux 1)", "2024-01-08", null, "2027-03-03"),
  row("dotnet7", ".NET 7 (container only)", "2024-05-14", null, null),
  row("dotnet6", ".NET 6", "2024-12-20", null, "2027-03-03"),
  row("dotnetcore3.1", ".NET Core 3.1", "2023-04-03", "2023-04-03", "2023-05-03"),
  row("dotnetcore2.1", ".NET Core 2.1", "2022-01-05", "2022-01-05", "2022-04-13"),
  row("ruby2.7", "Ruby 2.7", "2023-12-07", null, "2027-03-03"),
  row("ruby2.5", "Ruby 2.5", "2021-07-30", "2021-07-30", "2022-03-31"),
  row("go1.x", "Go 1.x", "2024-01-08", null, "2027-03-03"),
  row("provided", "OS-only runtime (Amazon Linux 1)", "2024-01-08", null, "2027-03-03"),
]);

export interface RuntimeOverride {
  identifier: string;
  deprecationDate: string | null;
  blockCreateDate?: string | null | undefined;
  blockUpdateDate?: string | null | undefined;
}

/** The runtime table with the config file's overrides applied (an override replaces or adds a row). */
export function runtimeLifecycle(identifier: string, overrides: readonly RuntimeOverride[] = []): RuntimeLifecycle | undefined {
  const override = overrides.find((entry) => entry.identifier === identifier);
  if (override) {
    return {
      identifier,
      name: identifier,
      deprecationDate: override.deprecationDate,
      blockCreateDate: override.blockCreateDate ?? null,
      blockUpdateDate: override.blockUpdateDate ?? null,
    };
  }
  return RUNTIME_TABLE.find((entry) => entry.identifier === identifier);
}
