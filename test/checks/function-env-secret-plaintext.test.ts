import check from "../../checks/function-env-secret-plaintext.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const withEnv = (...environment: { key: string; valueLength: number; secretKinds: string[]; isReference?: boolean }[]) =>
  snapshotWith({ functions: [secureFunction({ environment })] });

describeCheckCases(check, [
  { name: "no environment", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "noEnvironment" } },
  { name: "plain settings", snapshot: withEnv({ key: "TABLE_NAME", valueLength: 6, secretKinds: [] }), expect: { status: "pass", reason: "noCredentialsInEnvironment" } },
  { name: "a secret reference", snapshot: withEnv({ key: "DB_PASSWORD", valueLength: 90, secretKinds: [], isReference: true }), expect: { status: "pass", reason: "noCredentialsInEnvironment" } },
  {
    name: "an AWS secret key",
    snapshot: withEnv({ key: "AWS_SECRET", valueLength: 40, secretKinds: ["aws-secret-access-key"] }),
    expect: { status: "fail", reason: "credentialInEnvironment", evidence: { variables: [{ key: "AWS_SECRET", secretKinds: ["aws-secret-access-key"] }] } },
  },
  { name: "a variable named as a password", snapshot: withEnv({ key: "DB_PASSWORD", valueLength: 16, secretKinds: [] }), expect: { status: "fail", reason: "secretNamedVariable" } },
  { name: "environment not read", snapshot: snapshotWith({ functions: [secureFunction({ environment: undefined })] }), expect: { status: "unknown", reason: "environmentNotRead" } },
]);
