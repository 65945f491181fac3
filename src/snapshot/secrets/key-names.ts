/**
 * The one rule for variable names that announce a secret, shared by the collector's classifier and by
 * the checks on environment variables and stage variables. Pure and dependency-free: checks import it
 * without loading any secret scanner.
 *
 * A name is split into words (`DB_PASSWORD`, `db-password`, `dbPassword` are all `DB PASSWORD`), and
 * it names a secret when it contains a secret word or phrase (`PASSWORD`, `TOKEN`, `API KEY`, ...) that
 * is not followed by a word saying the variable is about the secret rather than the secret itself:
 * `DB_PASSWORD` names a secret, `DB_PASSWORD_ARN`, `TOKEN_TTL_SECONDS` and `API_KEY_HEADER` do not.
 * Words, not substrings: `PASSENGER_COUNT`, `BYPASS_CACHE`, `TOKENIZER_MODEL` and `SECRETARY_EMAIL` are
 * settings.
 */

/** Values shorter than this under a secret's name are not counted as inline secrets (flags, ids, TTLs). */
export const MIN_INLINE_SECRET_LENGTH = 8;

/** Words that name a secret on their own. `PASS` only as the last word (`SMTP_PASS`, not `PASS_THROUGH`). */
const SECRET_WORDS = new Set([
  "PASSWORD", "PASSWORDS", "PASSWD", "PWD", "PW", "PASSPHRASE", "PASSCODE", "SECRET", "SECRETS", "TOKEN", "TOKENS",
  "CREDENTIAL", "CREDENTIALS", "CREDS", "APIKEY", "APIKEYS", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY",
  "AUTHORIZATION", "SALT", "PEPPER",
]);

/** Words that make `KEY` a secret (`API_KEY`, `SIGNING_KEY`); `KEY` alone is a partition or object key. */
const KEY_QUALIFIERS = new Set([
  "API", "ACCESS", "SECRET", "PRIVATE", "AUTH", "SIGNING", "ENCRYPTION", "DECRYPTION", "MASTER", "SESSION",
  "HMAC", "LICENSE", "APP", "CLIENT", "SERVICE", "JWT", "CRYPTO", "CIPHER", "AES", "SSH", "GPG", "PGP", "RSA", "DEPLOY",
]);

/** Words after the secret word that say the variable describes or locates the secret instead of holding it. */
const ABOUT_THE_SECRET = new Set([
  "ID", "IDS", "ARN", "ARNS", "NAME", "NAMES", "PATH", "FILE", "FILENAME", "DIR", "PARAM", "PARAMS", "PARAMETER",
  "SSM", "REF", "REFERENCE", "URL", "URI", "ENDPOINT", "HOST", "TTL", "EXPIRY", "EXPIRES", "EXPIRATION",
  "LIFETIME", "LENGTH", "LEN", "SIZE", "TIMEOUT", "HEADER", "FIELD", "TYPE", "LOCATION", "VERSION", "ROTATION",
  "REGION", "ENABLED", "DISABLED", "POLICY", "MIN", "MAX", "COUNT", "FORMAT", "ALGORITHM", "ALG", "ISSUER",
  "AUDIENCE", "SCOPE", "SCOPES", "MANAGER", "STORE", "PROVIDER", "KMS", "MODE", "SECONDS", "MINUTES", "HOURS",
  "DAYS", "MS", "LIMIT", "RETRIES", "ATTEMPTS", "REQUIRED", "STRATEGY", "BUCKET", "TABLE", "QUEUE", "TOPIC",
  "PREFIX", "SUFFIX", "COMPLEXITY", "RESET", "HINT",
]);

/** Whole names that look like secrets but are well-known settings: the shell's working directory, a file path. */
const KNOWN_NOT_SECRET = new Set(["PWD", "OLDPWD", "GOOGLE_APPLICATION_CREDENTIALS", "AWS_SHARED_CREDENTIALS_FILE"]);

/**
 * Last words of names that hold identifiers and addresses (`CLIENT_ID`, `TABLE_NAME`, `QUEUE_URL`,
 * `COMMIT_SHA`): random-looking values under them are ids, hashes or generated names, not secrets.
 */
const IDENTIFIER_WORDS = new Set([
  "ID", "IDS", "SID", "ARN", "ARNS", "NAME", "NAMES", "URL", "URLS", "URI", "HOST", "HOSTNAME", "ENDPOINT", "DOMAIN",
  "BUCKET", "TABLE", "QUEUE", "TOPIC", "STREAM", "REGION", "PATH", "FILE", "VERSION", "SHA", "HASH", "DIGEST",
  "CHECKSUM", "ETAG", "COMMIT", "REVISION", "IMAGE", "TAG", "ACCOUNT", "ALIAS", "EMAIL", "ADDRESS",
]);

/** `dbPassword`, `DB_PASSWORD`, `db-password.v2` → DB PASSWORD V2. */
export function nameWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toUpperCase());
}

/** Where in the words a secret word or phrase ends, or -1. */
function secretWordEnd(words: readonly string[]): number {
  for (let index = words.length - 1; index >= 0; index -= 1) {
    const word = words[index] as string;
    if (SECRET_WORDS.has(word)) return index;
    if (word === "PASS" && index === words.length - 1 && index > 0) return index;
    if ((word === "KEY" || word === "KEYS") && index > 0 && KEY_QUALIFIERS.has(words[index - 1] as string)) return index;
  }
  return -1;
}

/**
 * Whether a variable's name says that it holds a secret (password, token, API key, private key, client
 * secret, credentials). Used alike for Lambda environment variables and API Gateway stage variables.
 */
export function namesASecret(key: string): boolean {
  if (KNOWN_NOT_SECRET.has(key.toUpperCase())) return false;
  const words = nameWords(key);
  const end = secretWordEnd(words);
  if (end < 0) return false;
  return !words.slice(end + 1).some((word) => ABOUT_THE_SECRET.has(word));
}

/**
 * The name rule for a variable whose value is no longer at hand (a snapshot keeps only its length): a
 * secret's name, a value long enough to be one, and not a pointer to a secret store.
 */
export function isInlineSecretByName(variable: { key: string; valueLength: number; isReference?: boolean | undefined }): boolean {
  return variable.isReference !== true && variable.valueLength >= MIN_INLINE_SECRET_LENGTH && namesASecret(variable.key);
}

/** Whether a name says the variable holds an identifier or address (its last word: `ID`, `NAME`, `URL`, `SHA`...). */
export function namesAnIdentifier(key: string): boolean {
  const words = nameWords(key);
  return words.length > 0 && IDENTIFIER_WORDS.has(words[words.length - 1] as string);
}
