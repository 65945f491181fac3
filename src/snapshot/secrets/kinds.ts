/**
 * Every kind of secret the classifier can report, with what recognises it. Kinds are stable names:
 * snapshots, findings' evidence and suppressions carry them. docs/secrets.md lists them all (a test
 * keeps it so). A message that a later secretlint preset adds is reported as `<rule>-<message>`
 * until it is named here.
 */
export const SECRET_KINDS = {
  // secretlint's recommended preset
  "aws-secret-access-key": { by: "secretlint", what: "AWS secret access key under an AWS-style name; or by shape alone (medium confidence)" },
  "aws-access-key-id": { by: "format", what: "AWS access key id, AKIA… (long-term) or ASIA… (temporary)" },
  "private-key": { by: "format", what: "PEM private key (RSA, EC, OpenSSH, PGP, PKCS#8) or a DER private key in base64" },
  "gcp-service-account-key": { by: "secretlint", what: "GCP service account key file" },
  "github-token": { by: "secretlint", what: "GitHub token: ghp_, gho_, ghu_, ghs_, ghr_, github_pat_" },
  "github-oauth-url": { by: "secretlint", what: "GitHub x-oauth-basic URL" },
  "npm-access-token": { by: "secretlint", what: "npm access token, npm_…" },
  "npmrc-auth-token": { by: "secretlint", what: "_authToken= line of an .npmrc" },
  "slack-token": { by: "secretlint", what: "Slack token: xoxb-, xoxp-, xapp-, xoxa-, xoxo-, xoxr-" },
  "slack-incoming-webhook": { by: "secretlint", what: "Slack incoming webhook URL" },
  "sendgrid-key": { by: "secretlint", what: "SendGrid API key, SG.…" },
  "shopify-key": { by: "secretlint", what: "Shopify token: shpat_, shpca_, shppa_, shpss_" },
  "openai-token": { by: "secretlint", what: "OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, legacy sk-)" },
  "anthropic-api-key": { by: "secretlint", what: "Anthropic API key, sk-ant-api0N-…" },
  "linear-api-token": { by: "secretlint", what: "Linear API key, lin_api_…" },
  "1password-ops-token": { by: "secretlint", what: "1Password service account token, ops_…" },
  "database-connection-string": {
    by: "format",
    what: "database URL or connection string with a password: postgres(ql), mysql, mariadb, mongodb(+srv), redis(s), mssql, oracle, jdbc:…, ADO/ODBC Password=",
  },
  "url-with-password": { by: "format", what: "any other URL with user:password@ (amqp(s), smtp, ftp, http(s), ...)" },
  // formats the preset has no rule for (secrets/formats.ts)
  "stripe-secret-key": { by: "format", what: "Stripe live secret or restricted key, sk_live_ / rk_live_" },
  "stripe-test-secret-key": { by: "format", what: "Stripe test-mode secret or restricted key, sk_test_ / rk_test_ (test data only, still a credential)" },
  "stripe-webhook-secret": { by: "format", what: "Stripe webhook signing secret, whsec_…" },
  "google-api-key": { by: "format", what: "Google API key, AIza…" },
  "gitlab-token": { by: "format", what: "GitLab token: glpat-, glptt-, gldt-, glrt-, …" },
  "hugging-face-token": { by: "format", what: "Hugging Face token, hf_…" },
  "pypi-token": { by: "format", what: "PyPI upload token" },
  "digitalocean-token": { by: "format", what: "DigitalOcean token, dop_v1_ / doo_v1_ / dor_v1_" },
  "databricks-token": { by: "format", what: "Databricks token, dapi…" },
  "new-relic-api-key": { by: "format", what: "New Relic user API key, NRAK-…" },
  "sentry-token": { by: "format", what: "Sentry auth token, sntrys_ / sntryu_" },
  "grafana-token": { by: "format", what: "Grafana service account token, glsa_…" },
  "postman-api-key": { by: "format", what: "Postman API key, PMAK-…" },
  "vault-token": { by: "format", what: "HashiCorp Vault token, hvs. / hvb." },
  "atlassian-api-token": { by: "format", what: "Atlassian API token, ATATT3…" },
  "mailgun-api-key": { by: "format", what: "Mailgun API key, key-…" },
  "mailchimp-api-key": { by: "format", what: "Mailchimp API key, …-usN" },
  "telegram-bot-token": { by: "format", what: "Telegram bot token, <id>:AA…" },
  "discord-webhook-url": { by: "format", what: "Discord webhook URL" },
  "teams-webhook-url": { by: "format", what: "Microsoft Teams incoming webhook URL" },
  "age-secret-key": { by: "format", what: "age encryption secret key" },
  "azure-storage-account-key": { by: "format", what: "Azure storage connection string with AccountKey=" },
  "azure-shared-access-key": { by: "format", what: "Azure Service Bus / Event Hubs connection string with SharedAccessKey=" },
  "aws-appsync-api-key": { by: "format", what: "AWS AppSync API key, da2-…" },
  jwt: { by: "format", what: "signed JSON Web Token (header decodes to JSON with an alg other than none)" },
  "url-with-credential-parameter": { by: "format", what: "URL whose query carries a credential (token=, sig=, X-Amz-Signature=, ...)" },
  "authorization-header-credential": { by: "format", what: "Authorization header value: Basic with user:password, Bearer/Token with a token" },
  "twilio-auth-token": { by: "format", what: "32 hex digits under a name that mentions Twilio" },
  // rules on the name and on the shape
  "generic-secret-by-key-name": { by: "key-name", what: "a value of 8+ characters under a name that announces a secret" },
  "possible-secret": { by: "shape", what: "a random-looking value under a neutral name (low confidence)" },
} as const satisfies Record<string, { by: "secretlint" | "format" | "key-name" | "shape"; what: string }>;

export type SecretKind = keyof typeof SECRET_KINDS;
