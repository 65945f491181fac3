import { generateKeyPairSync } from "node:crypto";

/**
 * A labelled corpus of variables as they appear in Lambda environments and API Gateway stage
 * variables, for the secret classifier. Every credential here is fake: random characters from a seeded
 * generator (the same on every run) put into the vendor's layout, or a key pair made for this test and
 * thrown away. Vendor prefixes are built by concatenation so that secret scanners in CI do not flag
 * this file.
 */

export interface CorpusCase {
  /** env: a Lambda environment variable; stage: an API Gateway stage variable. */
  where: "env" | "stage";
  key: string;
  value: string;
  /** The kinds the classifier must report, sorted; [] for a value that is not a secret. */
  kinds: string[];
  /** Why this case is here, when the key and value do not say it. */
  note?: string;
  /**
   * A case the classifier gets wrong, kept so that precision and recall are measured honestly: what
   * it reports instead of `kinds`, and why (docs/secrets.md, "Limitations").
   */
  knownLimitation?: { actual: string[]; why: string };
}

/** mulberry32: a small seeded generator, so the corpus is identical on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(20_240_501);
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const B64 = ALNUM + "+/";
const B64URL = ALNUM + "-_";
const HEX = "0123456789abcdef";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function chars(alphabet: string, length: number): string {
  let out = "";
  for (let index = 0; index < length; index += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}
function bytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}
const b64url = (text: string) => Buffer.from(text).toString("base64url");
const b64 = (text: string) => Buffer.from(text).toString("base64");

const jwt = (claims: object) =>
  `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}.${chars(B64URL, 43)}`;
const pem = (label: string) =>
  `-----BEGIN ${label}-----\n${Array.from({ length: 6 }, () => chars(B64, 64)).join("\n")}\n-----END ${label}-----`;

const ecKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
const derPrivate = ecKeys.privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
const derPublic = ecKeys.publicKey.export({ format: "der", type: "spki" }).toString("base64");
const kmsCiphertext = Buffer.concat([Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]), bytes(180)]).toString("base64");

const ACCOUNT = "111122223333";
/** `scheme://user:password@rest`, assembled here so that the file holds no literal connection string. */
const conn = (scheme: string, user: string, password: string, rest: string) => `${scheme}:/` + `/${user}:${password}@${rest}`;
const AWS_SECRET = chars(B64, 39) + "7";
const awsKeyId = (prefix: string) => prefix + chars(B32, 16);

// Vendor prefixes, split so that no line of this file is itself a token.
const P = {
  ghp: "gh" + "p_", ghs: "gh" + "s_", githubPat: "github" + "_pat_", xoxb: "xo" + "xb-", npm: "np" + "m_",
  sg: "S" + "G.", openai: "sk" + "-proj-", anthropic: "sk" + "-ant-api03-", skLive: "sk" + "_live_", rkLive: "rk" + "_live_",
  skTest: "sk" + "_test_", whsec: "wh" + "sec_", aiza: "AI" + "za", glpat: "gl" + "pat-", hf: "h" + "f_", dop: "do" + "p_v1_",
  dapi: "da" + "pi", hvs: "hv" + "s.", pmak: "PM" + "AK-", nrak: "NR" + "AK-", shpat: "sh" + "pat_", lin: "li" + "n_api_",
};

export const TRUE_SECRETS: CorpusCase[] = [
  { where: "env", key: "AWS_SECRET_ACCESS_KEY", value: AWS_SECRET, kinds: ["aws-secret-access-key"] },
  { where: "env", key: "VALUE_1", value: chars(B64, 38) + "/9", kinds: ["aws-secret-access-key"], note: "AWS secret under a neutral name" },
  { where: "stage", key: "value2", value: chars(ALNUM, 39) + "q", kinds: ["aws-secret-access-key"], note: "40 base62 characters, no name" },
  { where: "env", key: "AWS_ACCESS_KEY_ID", value: awsKeyId("AK" + "IA"), kinds: ["aws-access-key-id"] },
  { where: "env", key: "UPLOADER", value: awsKeyId("AS" + "IA"), kinds: ["aws-access-key-id"] },
  { where: "env", key: "SIGNING_KEY", value: pem("RSA PRIVATE KEY"), kinds: ["private-key"] },
  { where: "env", key: "SSH_DEPLOY", value: pem("OPENSSH PRIVATE KEY"), kinds: ["private-key"] },
  { where: "env", key: "JWT_SIGNER", value: derPrivate, kinds: ["private-key"], note: "PKCS#8 DER in base64, PEM armour stripped" },
  { where: "env", key: "GITHUB_TOKEN", value: P.ghp + chars(ALNUM, 36), kinds: ["github-token"] },
  { where: "env", key: "GH_AUTOMATION", value: P.githubPat + chars(ALNUM + "_", 82), kinds: ["github-token"] },
  { where: "stage", key: "deployToken", value: P.ghs + chars(ALNUM, 36), kinds: ["github-token"] },
  {
    where: "env",
    key: "SLACK_BOT",
    value: `${P.xoxb}${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(ALNUM, 24)}`,
    kinds: ["slack-token"],
  },
  {
    where: "env",
    key: "ALERTS_HOOK",
    value: `https://hooks.slack.com/services/T${chars(UPPER + DIGITS, 8)}/B${chars(UPPER + DIGITS, 10)}/${chars(ALNUM, 24)}`,
    kinds: ["slack-incoming-webhook"],
  },
  { where: "env", key: "NPM_CONFIG", value: P.npm + chars(ALNUM, 36), kinds: ["npm-access-token"] },
  { where: "env", key: "MAILER", value: `${P.sg}${chars(ALNUM, 22)}.${chars(ALNUM, 43)}`, kinds: ["sendgrid-key"] },
  { where: "env", key: "LLM_PRIMARY", value: `${P.openai}${chars(ALNUM, 74)}T3BlbkFJ${chars(ALNUM, 74)}`, kinds: ["openai-token"] },
  { where: "env", key: "LLM_FALLBACK", value: `${P.anthropic}${chars(ALNUM, 93)}AA`, kinds: ["anthropic-api-key"] },
  { where: "env", key: "STRIPE", value: P.skLive + chars(ALNUM, 24), kinds: ["stripe-secret-key"] },
  { where: "stage", key: "payments", value: P.rkLive + chars(ALNUM, 99), kinds: ["stripe-secret-key"], note: "restricted key" },
  { where: "env", key: "STRIPE_SANDBOX", value: P.skTest + chars(ALNUM, 24), kinds: ["stripe-test-secret-key"] },
  { where: "env", key: "STRIPE_ENDPOINT_SIGNING", value: P.whsec + chars(ALNUM, 32), kinds: ["stripe-webhook-secret"] },
  { where: "env", key: "MAPS", value: P.aiza + chars(B64URL, 35), kinds: ["google-api-key"] },
  { where: "env", key: "SERVICE_SESSION", value: jwt({ sub: "svc-orders", iat: 1714567890, exp: 1893456000 }), kinds: ["jwt"] },
  {
    where: "stage",
    key: "upstreamAuth",
    value: `Bearer ${jwt({ sub: "partner-42", scope: "orders:write" })}`,
    kinds: ["authorization-header-credential", "jwt"],
  },
  { where: "env", key: "DATABASE_URL", value: conn("postgres", "orders_app", "Qx7-pLm2vR9zK4", "orders.cluster-c1a2b3.eu-west-1.rds.amazonaws.com:5432/orders"), kinds: ["database-connection-string"] },
  { where: "env", key: "READ_REPLICA", value: conn("postgresql", "reporting", "Ht5%40wq8Zc3", "replica.internal:5432/orders?sslmode=require"), kinds: ["database-connection-string"] },
  { where: "env", key: "LEGACY_DB", value: conn("mysql", "billing", "N4r-7TqsW2e", "billing-db.internal:3306/billing"), kinds: ["database-connection-string"] },
  { where: "env", key: "MONGO_URI", value: conn("mongodb+srv", "catalog", "Pz8Yw3kQ1sLd", "cluster0.ab1cd.mongodb.net/catalog?retryWrites=true"), kinds: ["database-connection-string"] },
  { where: "env", key: "SESSIONS_DB", value: conn("mongodb", "sessions", "G7hJk2Lm9Qw", "mongo-1:27017,mongo-2:27017/sessions?replicaSet=rs0"), kinds: ["database-connection-string"] },
  { where: "env", key: "CACHE_URL", value: conn("redis", "", "c9Vb2Nm7Xq4Lk1", "cache.abc123.ng.0001.euw1.cache.amazonaws.com:6379/0"), kinds: ["database-connection-string"] },
  { where: "stage", key: "rateLimitStore", value: conn("rediss", "default", "T6yU8iO2pA4s", "rate-limit.internal:6380"), kinds: ["database-connection-string"] },
  { where: "env", key: "BROKER_URL", value: conn("amqps", "orders", "M3nB5vC7xZ9a", "b-1234abcd.mq.eu-west-1.amazonaws.com:5671"), kinds: ["url-with-password"] },
  { where: "env", key: "EVENTS_AMQP", value: conn("amqp", "events", "Wq2Er4Ty6Ui8", "rabbit.internal:5672/%2F"), kinds: ["url-with-password"] },
  {
    where: "env",
    key: "SQLSERVER",
    value: "Server=tcp:erp.database.windows.net,1433;Database=erp;User ID=erp_app;" + "Pass" + "word=Kd8#mW2qLz5!;Encrypt=True;",
    kinds: ["database-connection-string"],
  },
  { where: "env", key: "JDBC_URL", value: "jdbc:postgresql://warehouse.internal:5432/dw?user=etl&" + "pass" + "word=Fg7Hj9Kl2Zx4", kinds: ["database-connection-string"] },
  {
    where: "env",
    key: "AZURE_STORAGE",
    value: `DefaultEndpointsProtocol=https;AccountName=exportsprod;AccountKey=${chars(B64, 86)}==;EndpointSuffix=core.windows.net`,
    kinds: ["azure-storage-account-key"],
  },
  { where: "env", key: "GITLAB", value: P.glpat + chars(B64URL, 20), kinds: ["gitlab-token"] },
  { where: "env", key: "HF_HUB", value: P.hf + chars(LOWER + UPPER, 34), kinds: ["hugging-face-token"] },
  { where: "env", key: "DO_API", value: P.dop + chars(HEX, 64), kinds: ["digitalocean-token"] },
  { where: "env", key: "DBX", value: P.dapi + chars(HEX, 32), kinds: ["databricks-token"] },
  { where: "env", key: "MAILCHIMP", value: `${chars(HEX, 32)}-us6`, kinds: ["mailchimp-api-key"] },
  { where: "env", key: "TELEGRAM_BOT", value: `${chars(DIGITS, 9)}:AA${chars(B64URL, 33)}`, kinds: ["telegram-bot-token"] },
  {
    where: "env",
    key: "DISCORD_HOOK",
    value: `https://discord.com/api/webhooks/${chars(DIGITS, 18)}/${chars(B64URL, 68)}`,
    kinds: ["discord-webhook-url"],
  },
  { where: "env", key: "VAULT", value: P.hvs + chars(B64URL, 95), kinds: ["vault-token"] },
  { where: "env", key: "POSTMAN", value: `${P.pmak}${chars(HEX, 24)}-${chars(HEX, 34)}`, kinds: ["postman-api-key"] },
  { where: "env", key: "NEW_RELIC", value: P.nrak + chars(UPPER + DIGITS, 27), kinds: ["new-relic-api-key"] },
  { where: "env", key: "SHOPIFY", value: P.shpat + chars(HEX, 32), kinds: ["shopify-key"] },
  { where: "env", key: "LINEAR", value: P.lin + chars(ALNUM, 40), kinds: ["linear-api-token"] },
  { where: "stage", key: "graphqlKey", value: "da" + "2-" + chars(LOWER + DIGITS, 26), kinds: ["aws-appsync-api-key"] },
  { where: "env", key: "TWILIO_AUTH_TOKEN", value: chars(HEX, 32), kinds: ["twilio-auth-token"] },
  {
    where: "env",
    key: "REPORT_LINK",
    value:
      `https://exports.s3.eu-west-1.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${awsKeyId("AS" + "IA")}` +
      `%2F20240501%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Expires=900&X-Amz-Signature=${chars(HEX, 64)}`,
    kinds: ["aws-access-key-id", "url-with-credential-parameter"],
    note: "presigned URL",
  },
  { where: "env", key: "NOTIFY_URL", value: conn("https", "notifier", "Zx8Cv6Bn4Mq2", "hooks.partner.example.net/notify"), kinds: ["url-with-password"] },
  { where: "stage", key: "backendAuthHeader", value: `Basic ${b64("orders-svc:Lp9Ok8Ij7Uh6")}`, kinds: ["authorization-header-credential"] },
  { where: "env", key: "DB_PASSWORD", value: "correct-horse-battery", kinds: ["generic-secret-by-key-name"], note: "a passphrase of words" },
  { where: "env", key: "SMTP_PASS", value: "Tr0ub4dor&3x", kinds: ["generic-secret-by-key-name"] },
  { where: "stage", key: "partnerApiKey", value: chars(HEX, 32), kinds: ["generic-secret-by-key-name"] },
  { where: "env", key: "OAUTH_CLIENT_SECRET", value: chars(ALNUM + "~._-", 34), kinds: ["generic-secret-by-key-name"] },
  { where: "env", key: "DATA_ENCRYPTION_KEY", value: bytes(32).toString("base64"), kinds: ["generic-secret-by-key-name"] },
  { where: "env", key: "NEXTAUTH_SECRET", value: chars(B64URL, 43), kinds: ["generic-secret-by-key-name"] },
  { where: "env", key: "ADMIN_PASSWORD_HASH", value: `$2b$12$${chars(ALNUM + "./", 53)}`, kinds: ["generic-secret-by-key-name"], note: "bcrypt: crackable offline" },
  { where: "env", key: "VALUE_2", value: chars(ALNUM, 32), kinds: ["possible-secret"] },
  { where: "env", key: "UPSTREAM_X", value: bytes(32).toString("base64"), kinds: ["possible-secret"], note: "32 random bytes, base64" },
  { where: "stage", key: "backendKey2", value: chars(B64URL, 48), kinds: ["possible-secret"] },
  { where: "env", key: "PARTNER_SIGNATURE_BASE", value: chars(ALNUM + "!#%&*+-=?@^_", 24), kinds: ["possible-secret"] },
  {
    where: "env",
    key: "DD_KEY",
    value: chars(HEX, 32),
    kinds: ["possible-secret"],
    knownLimitation: { actual: [], why: "hex under a neutral name looks like an MD5 or another hash" },
  },
  {
    where: "env",
    key: "HEROKU",
    value: "3f6c1a2b-8d4e-4c5f-9a7b-1e2d3c4b5a69",
    kinds: ["possible-secret"],
    knownLimitation: { actual: [], why: "an API key in UUID format looks like an id" },
  },
  {
    where: "stage",
    key: "phrase",
    value: "correct horse battery staple",
    kinds: ["possible-secret"],
    knownLimitation: { actual: [], why: "a passphrase of words under a neutral name" },
  },
  {
    where: "env",
    key: "APP_CONFIG",
    value: JSON.stringify({ db: { host: "orders.internal", port: 5432, password: "S3cure!Passw0rd-2024" }, retries: 3 }),
    kinds: ["generic-secret-by-key-name"],
    note: "a password field inside JSON",
  },
  { where: "env", key: "SETTINGS", value: JSON.stringify({ payments: { provider: "stripe", apiKey: P.skLive + chars(ALNUM, 24) } }), kinds: ["stripe-secret-key"] },
];

export const FALSE_SECRETS: CorpusCase[] = [
  { where: "env", key: "STAGE", value: "production", kinds: [] },
  { where: "env", key: "LOG_LEVEL", value: "debug", kinds: [] },
  { where: "env", key: "PORT", value: "8080", kinds: [] },
  { where: "env", key: "TOKEN_TTL_SECONDS", value: "3600", kinds: [] },
  { where: "env", key: "API_KEY_HEADER", value: "x-api-key", kinds: [] },
  { where: "env", key: "REGION", value: "eu-west-1", kinds: [] },
  { where: "env", key: "DB_SECRET_ARN", value: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/orders/db-AbCdEf`, kinds: [] },
  { where: "env", key: "API_TOKEN", value: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/prod/api-token`, kinds: [] },
  { where: "env", key: "DB_PASSWORD_PARAM", value: "/prod/orders/db-password", kinds: [] },
  { where: "env", key: "STRIPE_SECRET", value: "{{resolve:ssm-secure:/prod/payments/stripe:3}}", kinds: [] },
  { where: "env", key: "DB_CREDENTIALS", value: "{{resolve:secretsmanager:prod/orders/db:SecretString:password}}", kinds: [] },
  { where: "env", key: "SECRET_PATH", value: "/aws/reference/secretsmanager/prod/orders/db", kinds: [] },
  { where: "env", key: "ENCRYPTION_KEY", value: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f3c2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b`, kinds: [], note: "a KMS key, held by KMS" },
  { where: "env", key: "DB_PASSWORD", value: kmsCiphertext, kinds: [], note: "KMS ciphertext from Lambda's encryption helpers" },
  { where: "env", key: "REQUEST_NAMESPACE", value: "6f1c2b3a-9d8e-4f70-a1b2-c3d4e5f6a7b8", kinds: [], note: "UUID" },
  { where: "env", key: "BATCH_MARKER", value: "01HW3Z8K9Q4V7X2M5N6P8R0S1T", kinds: [], note: "ULID" },
  { where: "env", key: "BUILD_SHA", value: chars(HEX, 40), kinds: [], note: "git commit" },
  { where: "env", key: "VALUE_4", value: chars(HEX, 64), kinds: [], note: "SHA-256 of a public file under a neutral name" },
  { where: "env", key: "CONTENT_MD5", value: chars(HEX, 32), kinds: [] },
  { where: "env", key: "RUNTIME_ARTIFACT", value: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:${chars(HEX, 64)}`, kinds: [], note: "image digest" },
  { where: "env", key: "LAYER_CHECK", value: `sha256:${chars(HEX, 64)}`, kinds: [] },
  { where: "env", key: "QUEUE_URL", value: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/orders-queue`, kinds: [] },
  { where: "env", key: "API_BASE", value: "https://api.example.com/v2/orders?limit=50&include=lines", kinds: [] },
  { where: "env", key: "EXPORT_LOCATION", value: "s3://orders-exports-prod/daily/", kinds: [] },
  { where: "env", key: "TABLE_NAME", value: "OrdersStack-OrdersTable-1A2B3C4D5E6F7", kinds: [] },
  { where: "env", key: "DOWNSTREAM", value: "OrdersStack-ProcessOrderFunction-Ab1Cd2Ef3Gh4", kinds: [], note: "generated function name, neutral key" },
  { where: "env", key: "FEATURE_FLAGS", value: "checkout-v2,new-pricing,beta-search", kinds: [] },
  { where: "env", key: "ENABLE_TRACING", value: "true", kinds: [] },
  { where: "env", key: "CONFIG", value: JSON.stringify({ retries: 3, timeoutMs: 2500, endpoints: ["https://a.example.com"], token: { ttl: 3600 } }), kinds: [] },
  { where: "env", key: "CONFIG_B64", value: b64(JSON.stringify({ region: "eu-west-1", tables: ["orders", "lines"], cacheSeconds: 30 })), kinds: [] },
  { where: "env", key: "TEMPLATE", value: b64("subject: Your order {{orderId}}\nbody: Thanks for shopping with us.\n"), kinds: [] },
  { where: "env", key: "PUBLIC_KEY", value: pem("PUBLIC KEY"), kinds: [] },
  { where: "env", key: "VERIFIER", value: derPublic, kinds: [], note: "SPKI DER in base64: a public key" },
  { where: "env", key: "CA_BUNDLE", value: pem("CERTIFICATE"), kinds: [] },
  { where: "env", key: "JWKS_URL", value: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI/.well-known/jwks.json", kinds: [] },
  { where: "env", key: "USER_POOL_CLIENT_ID", value: chars(LOWER + DIGITS, 26), kinds: [] },
  { where: "env", key: "USER_POOL", value: "eu-west-1_AbCdEfGhI", kinds: [] },
  { where: "env", key: "ACCOUNT", value: ACCOUNT, kinds: [] },
  { where: "env", key: "SENTRY_DSN", value: `https://${chars(HEX, 32)}@o123456.ingest.sentry.io/4504123456789012`, kinds: [], note: "a DSN's key is public" },
  { where: "env", key: "STRIPE_PUBLISHABLE_KEY", value: "pk" + "_live_" + chars(ALNUM, 24), kinds: [], note: "publishable: meant for browsers" },
  { where: "env", key: "GOOGLE_CLIENT_ID", value: `${chars(DIGITS, 12)}-${chars(LOWER + DIGITS, 32)}.apps.googleusercontent.com`, kinds: [] },
  { where: "env", key: "ALLOWED_ORIGINS", value: "https://app.example.com,https://admin.example.com", kinds: [] },
  { where: "env", key: "TZ", value: "Europe/Berlin", kinds: [] },
  { where: "env", key: "NODE_OPTIONS", value: "--enable-source-maps --max-old-space-size=1024", kinds: [] },
  { where: "env", key: "HANDLER_CLASS", value: "com.example.orders.OrderHandler::handleRequest", kinds: [] },
  { where: "env", key: "POWERTOOLS_SERVICE_NAME", value: "orders", kinds: [] },
  { where: "env", key: "DB_HOST", value: "orders.cluster-c9akciq32xyz.eu-west-1.rds.amazonaws.com", kinds: [] },
  { where: "env", key: "DB_PASSWORD", value: "${DB_PASSWORD}", kinds: [], note: "template left for the deploy tool" },
  { where: "env", key: "API_KEY", value: "REPLACE_ME", kinds: [] },
  { where: "env", key: "DATABASE_URL", value: "postgres://orders_app@orders.cluster-c1a2b3.eu-west-1.rds.amazonaws.com:5432/orders?sslmode=require", kinds: [], note: "IAM auth, no password" },
  { where: "env", key: "REDIS_URL", value: "redis://cache.internal:6379/0", kinds: [] },
  { where: "env", key: "TOKEN_ENDPOINT", value: "https://auth.example.com/oauth2/token", kinds: [] },
  { where: "env", key: "PASSWORD_MIN_LENGTH", value: "12", kinds: [] },
  { where: "env", key: "GOOGLE_APPLICATION_CREDENTIALS", value: "/var/task/service-account.json", kinds: [] },
  { where: "env", key: "PASSENGER_MANIFEST_TABLE", value: "passenger-manifests-prod", kinds: [], note: "PASS inside a word" },
  { where: "env", key: "TWILIO_ACCOUNT_SID", value: "AC" + chars(HEX, 32), kinds: [] },
  { where: "env", key: "TWILIO_KEY", value: "SK" + chars(HEX, 32), kinds: [], note: "an API key's SID, not its secret" },
  { where: "env", key: "ALLOWED_SG", value: "sg-0" + chars(HEX, 16), kinds: [], note: "AWS resource id" },
  { where: "env", key: "UPSTREAM_V6", value: "2001:db8:85a3::8a2e:370:7334", kinds: [] },
  { where: "env", key: "LAST_ETAG", value: 'W/"5e1f-' + chars(HEX, 16) + '"', kinds: [] },
  { where: "env", key: "AWS_LAMBDA_EXEC_WRAPPER", value: "/opt/otel-instrument", kinds: [] },
  { where: "env", key: "EXTENSION_SETTINGS", value: `/opt/extensions/config/${chars(HEX, 12)}.yaml`, kinds: [] },
  { where: "env", key: "JAVA_TOOL_OPTIONS", value: "-XX:+TieredCompilation -XX:TieredStopAtLevel=1", kinds: [] },
  { where: "env", key: "RELEASED_AT", value: "2024-05-01T12:00:00.000Z", kinds: [] },
  { where: "env", key: "OPENAI_MODEL", value: "gpt-4o-mini-2024-07-18", kinds: [] },
  { where: "env", key: "USER_AGENT", value: "Mozilla/5.0 (compatible; OrdersBot/1.0; +https://example.com/bot)", kinds: [] },
  {
    where: "env",
    key: "POOL_CLIENT",
    value: chars(LOWER + DIGITS, 26),
    kinds: [],
    knownLimitation: { actual: ["possible-secret"], why: "a generated id (a Cognito app client id) under a name that does not say it is an id" },
  },
  { where: "stage", key: "lambdaAlias", value: "live", kinds: [] },
  { where: "stage", key: "backendUrl", value: "https://internal.example.com/api", kinds: [] },
  { where: "stage", key: "version", value: "v2.3.1", kinds: [] },
  { where: "stage", key: "tokenIssuer", value: "https://auth.example.com/", kinds: [] },
  { where: "stage", key: "apiKeyRequired", value: "true", kinds: [] },
  { where: "stage", key: "ordersFunctionName", value: "OrdersStack-ProcessOrderFunction-Ab1Cd2Ef3Gh4", kinds: [] },
  { where: "stage", key: "cacheKeyPrefix", value: "orders:v2:eu-west-1", kinds: [] },
  { where: "stage", key: "schedule", value: "cron(0 12 * * ? *)", kinds: [] },
];
