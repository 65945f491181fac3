/**
 * secretlint's recommended preset, loaded on first use: the checks import the key-name rule from
 * this module's siblings, and their module graph must not pay for the scanner (about a megabyte of
 * rules). Only `import type` at the top; the code comes in through `import()`.
 */
import type { SecretKind } from "./kinds.js";

type LintSource = (typeof import("@secretlint/core"))["lintSource"];
type SecretlintConfig = Parameters<LintSource>[0]["options"]["config"];

interface Secretlint {
  lintSource: LintSource;
  config: SecretlintConfig;
}

let loading: Promise<Secretlint> | undefined;

/**
 * secretlint's core marks the start and end of every lint and rule on a process-wide profiler, which
 * keeps each mark for the life of the process (in its own list and in Node's performance timeline)
 * and scans that list once per mark. Over an organisation scan that is memory growing with every
 * function and CPU growing with its square (about 50 marks a function: 100,000 marks and seconds of
 * CPU at 2,000 functions). We never read the profile, so its `mark` does nothing here.
 */
function silenceProfiler(profiler: { mark: (marker: never) => void }): void {
  profiler.mark = () => undefined;
}

function loadSecretlint(): Promise<Secretlint> {
  loading ??= Promise.all([
    import("@secretlint/core"),
    import("@secretlint/secretlint-rule-preset-recommend"),
    import("@secretlint/profiler"),
  ]).then(([core, preset, profiler]) => {
    silenceProfiler(profiler.secretLintProfiler);
    return {
      lintSource: core.lintSource,
      config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: preset.creator }] },
    };
  });
  return loading;
}

/** secretlint messageIds that are not credentials (an account id is an identifier). */
const IGNORED_MESSAGE_IDS = new Set(["AWSAccountID"]);

/**
 * Stable kind names for the preset's messages (docs/secrets.md lists them). A message that a later
 * preset adds falls back to `<rule>-<message>` in kebab case, so it is still reported.
 */
const KINDS: Record<string, SecretKind> = {
  AWSSecretAccessKey: "aws-secret-access-key",
  AWSAccessKeyID: "aws-access-key-id",
  PrivateKey: "private-key",
  PrivateKeyJSON: "gcp-service-account-key",
  PrivateKeyP12: "gcp-service-account-key",
  NPM_ACCESS_TOKEN: "npm-access-token",
  Npmrc_authToken: "npmrc-auth-token",
  PackageJSON_xOauthToken: "github-oauth-url",
  BasicAuth: "url-with-password",
  SLACK_TOKEN: "slack-token",
  IncomingWebhook: "slack-incoming-webhook",
  SENDGRID_KEY: "sendgrid-key",
  SHOPIFY_KEY: "shopify-key",
  GITHUB_TOKEN: "github-token",
  OPENAI_TOKEN: "openai-token",
  ANTHROPIC_API_KEY: "anthropic-api-key",
  LINEAR_API_TOKEN: "linear-api-token",
  OPS_TOKEN: "1password-ops-token",
  MongoDBConnection: "database-connection-string",
  MySQLConnection: "database-connection-string",
  PostgreSQLConnection: "database-connection-string",
};

function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
}

function kindOf(ruleId: string, messageId: string): string {
  const known = KINDS[messageId];
  if (known) return known;
  const rule = ruleId.replace(/^@secretlint\/secretlint-rule-/, "");
  const message = kebab(messageId);
  return message.startsWith(rule) ? message : `${rule}-${message}`;
}

/**
 * One secretlint pass over all the variables of a function or stage: they are laid out as `KEY=value`
 * lines, so that rules that need the key (AWS secret access keys) see it, and each finding is
 * attributed to its variable by offset. Returns the kinds found per variable, in input order.
 */
export async function secretlintKinds(entries: readonly (readonly [string, string])[]): Promise<Set<string>[]> {
  const segments: { start: number; end: number }[] = [];
  let content = "";
  for (const [key, value] of entries) {
    const start = content.length;
    content += `${key}=${value}\n`;
    segments.push({ start, end: content.length });
  }
  const kinds = entries.map(() => new Set<string>());
  if (content.length === 0) return kinds;
  const { lintSource, config } = await loadSecretlint();
  const result = await lintSource({
    source: { content, filePath: "environment", contentType: "text" },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
  for (const message of result.messages) {
    if (IGNORED_MESSAGE_IDS.has(message.messageId)) continue;
    const offset = message.range[0];
    const index = segments.findIndex((segment) => offset >= segment.start && offset < segment.end);
    if (index >= 0) kinds[index]?.add(kindOf(message.ruleId, message.messageId));
  }
  return kinds;
}
