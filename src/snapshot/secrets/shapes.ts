/**
 * What a value looks like, measured without keeping it: the shapes of values that are visibly not
 * secrets (identifiers, hashes, addresses, encoded configuration), and how random the rest is.
 */

/** Templates and placeholders: `${DB_PASSWORD}`, `{{token}}`, `%SECRET%`, `<your key>`, `********`. */
export function isTemplateOrPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return (
    /\$\{[^}]{1,100}\}|\{\{[^}]{1,100}\}\}|%[A-Za-z_][A-Za-z0-9_]{0,60}%|^\$[A-Za-z_][A-Za-z0-9_]*$|^<[^<>]{1,100}>$/.test(trimmed) ||
    /^(.)\1+$/.test(trimmed) ||
    /^(redacted|replace[-_ ]?me|change[-_ ]?me|todo|tbd|placeholder|your[-_ ].*|x{3,}|\*{3,})$/i.test(trimmed)
  );
}

/** Settings that no one would call a secret, whatever the variable is named. */
export function isPlainSetting(value: string): boolean {
  const trimmed = value.trim();
  return (
    /^(true|false|null|none|nil|undefined|yes|no|on|off|enabled|disabled)$/i.test(trimmed) ||
    /^-?\d+(\.\d+)?$/.test(trimmed) ||
    /^arn:aws[a-z-]*:/.test(trimmed) ||
    isUrlWithoutCredentials(trimmed)
  );
}

const CREDENTIAL_PARAMETER =
  /[?&#;](?:password|passwd|pwd|pass|secret|client_secret|token|access_token|refresh_token|id_token|auth|api[_-]?key|apikey|key|sig|signature|x-amz-signature|x-amz-security-token|code)=/i;

/** `https://api.example.com/v1`, `s3://bucket/key`: an address with no user:password and no credential parameter. */
export function isUrlWithoutCredentials(value: string): boolean {
  const match = /^[a-z][a-z0-9+.-]{0,20}:\/\/([^\s/?#]*)(\S*)$/i.exec(value);
  if (!match) return false;
  const authority = match[1] ?? "";
  return !/:[^@]*@/.test(authority) && !CREDENTIAL_PARAMETER.test(value);
}

/** Bits of information per character of the value's own character distribution (Shannon). */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Bytes that are mostly printable text: base64-encoded configuration rather than key material. */
function isText(bytes: Buffer): boolean {
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable += 1;
  return printable / bytes.length >= 0.95;
}

/** The bytes of a base64 or base64url value, or undefined when it is neither. */
function base64Bytes(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) && !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/**
 * A key or certificate in DER, base64 without its PEM armour, told apart by its first element: a
 * public key (SubjectPublicKeyInfo) or a certificate opens with a SEQUENCE, a private key (PKCS#1,
 * PKCS#8, SEC1) with its version, INTEGER 0 or 1. The outer length must cover the whole value.
 */
export function derKeyKind(value: string): "public" | "private" | undefined {
  const bytes = base64Bytes(value.trim());
  return bytes ? derKindOf(bytes) : undefined;
}

function derKindOf(bytes: Buffer): "public" | "private" | undefined {
  if (bytes.length < 48 || bytes[0] !== 0x30) return undefined;
  const lengthByte = bytes[1] ?? 0;
  const lengthBytes = lengthByte < 0x80 ? 0 : lengthByte & 0x7f;
  if (lengthBytes > 3) return undefined;
  let length = lengthBytes === 0 ? lengthByte : 0;
  for (let index = 0; index < lengthBytes; index += 1) length = length * 256 + (bytes[2 + index] ?? 0);
  const offset = 2 + lengthBytes;
  if (offset + length !== bytes.length) return undefined;
  const tag = bytes[offset];
  if (tag === 0x30) return "public";
  if (tag === 0x02 && bytes[offset + 1] === 0x01 && (bytes[offset + 2] === 0x00 || bytes[offset + 2] === 0x01)) return "private";
  return undefined;
}

/**
 * The shape of a value that is an identifier, a hash of public data, an address or encoded
 * configuration rather than a secret, or undefined. Checked before the entropy rule, because many of
 * these are as random-looking as a key: a SHA-256 of a file, a UUID, a KMS ciphertext blob.
 */
export function nonSecretShape(value: string): string | undefined {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return "uuid";
  if (/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(value)) return "ulid";
  if (/^(0x)?[0-9a-f]+$/i.test(value)) return "hex";
  // Hex between separators: IPv6 and MAC addresses, ETags (W/"5e1f-..."), dashed ids.
  if (/^(W\/)?"?[0-9a-f]+([-:.,/][0-9a-f]*)*"?$/i.test(value)) return "hex";
  // AWS resource ids and the like: sg-0123456789abcdef0, vpc-0a1b2c3d, i-0abc...: a word, then hex.
  if (/^([a-z]+[-_])+[0-9a-f]{8,}$/i.test(value)) return "prefixed-hex-id";
  // Twilio SIDs and the like: two capitals naming the resource type, then 32 hex digits (AC…, SK…, PN…).
  if (/^[A-Z]{2}[0-9a-f]{32}$/.test(value)) return "prefixed-hex-id";
  if (/(^|@)(sha1|sha224|sha256|sha384|sha512|md5):[0-9a-f]{32,128}$/i.test(value)) return "digest";
  if (/^arn:aws[a-z-]*:/.test(value)) return "arn";
  if (isUrlWithoutCredentials(value)) return "url";
  if (/^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value)) return "email";
  if (value.length <= 253 && /^([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?$/i.test(value)) return "hostname";
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return "date";
  if (/^v?\d+(\.\d+){1,3}([-+][\w.-]+)?$/.test(value)) return "version";
  if (/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(value)) return "region";
  if (/^-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL)-----/.test(value)) return "public-pem";
  if (/^pk_(live|test)_[0-9A-Za-z]+$/.test(value)) return "stripe-publishable-key";
  const bytes = base64Bytes(value);
  if (bytes && bytes.length >= 16) {
    // KMS ciphertext blobs (Lambda's "encryption helpers") start with 01 02 02 00: encrypted, not plaintext.
    if (bytes[0] === 0x01 && bytes[1] === 0x02 && bytes[2] === 0x02 && bytes[3] === 0x00) return "kms-ciphertext";
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return "gzip";
    if (derKindOf(bytes) === "public") return "public-key-der";
    if (isText(bytes)) return "base64-text";
  }
  return undefined;
}

export interface Randomness {
  length: number;
  /** Shannon entropy, bits per character. */
  entropy: number;
  /** How many of: lower case, upper case, digits, symbols. */
  classes: number;
  /** Mean length of the letter and digit runs (`Orders`, `TABLE`, `2024`): words are long, keys are short. */
  meanRun: number;
  /** Both lower- and upper-case letters. */
  mixedCase: boolean;
  /**
   * Share of the characters in parts that are words (`orders`, `OrdersTable`, `PROD`), when the value
   * has several parts: generated names (`OrdersStack-OrdersTable-1A2B3C4D5E6F`) are partly words.
   */
  wordShare: number;
}

function meanRunOf(text: string): number {
  const runs = text.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g) ?? [];
  const runChars = runs.reduce((sum, run) => sum + run.length, 0);
  return runs.length > 0 ? runChars / runs.length : text.length;
}

/** `orders`, `Prod`, `OrdersTable`, `DEMO`: four letters or more, cased as words are, with a vowel. */
function isWord(part: string): boolean {
  return part.length >= 4 && /^(?:(?:[A-Z]?[a-z]+)+|[A-Z]+)$/.test(part) && /[aeiou]/i.test(part) && meanRunOf(part) >= 3;
}

export function measure(value: string): Randomness {
  const parts = value.split(/[^A-Za-z0-9]+/).filter((part) => part.length > 0);
  return {
    length: value.length,
    entropy: shannonEntropy(value),
    classes: [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length,
    meanRun: meanRunOf(value),
    mixedCase: /[a-z]/.test(value) && /[A-Z]/.test(value),
    wordShare: parts.length >= 2 ? parts.filter(isWord).reduce((sum, part) => sum + part.length, 0) / value.length : 0,
  };
}

/**
 * The thresholds of the entropy rule (docs/secrets.md). Measured on random strings: 20 characters of
 * base62 score at least 3.7 bits/character in 99 cases of 100, and their letter/digit runs average
 * under 3 characters in 99 of 100; identifiers (`OrdersTableStreamHandler`, `orders-api-prod-eu-west-1`,
 * `MyStack-OrdersTable-1A2B3C4D5E6F`) are made of words.
 */
export const POSSIBLE_SECRET_THRESHOLDS = {
  minLength: 20,
  maxLength: 4096,
  minEntropy: 3.5,
  minClasses: 2,
  /** Letters of one case run longer by chance (26 of 36 characters are letters): a looser bound then. */
  maxMeanRun: 3,
  maxMeanRunOneCase: 4.5,
  /** A value whose word parts make up this share or more is a name, not a key. */
  minWordShareOfName: 0.15,
} as const;

export function looksRandom(stats: Randomness): boolean {
  const t = POSSIBLE_SECRET_THRESHOLDS;
  return (
    stats.length >= t.minLength &&
    stats.length <= t.maxLength &&
    stats.entropy >= t.minEntropy &&
    stats.classes >= t.minClasses &&
    stats.meanRun <= (stats.mixedCase ? t.maxMeanRun : t.maxMeanRunOneCase) &&
    stats.wordShare < t.minWordShareOfName
  );
}

/** Evidence of the entropy rule in words, from the measurements only (never the value). */
export function describeRandomness(stats: Randomness): string {
  return (
    `${stats.length} characters, ${stats.entropy.toFixed(1)} bits of entropy per character, ` +
    `${stats.classes} character classes, letter/digit runs of ${stats.meanRun.toFixed(1)} on average`
  );
}
