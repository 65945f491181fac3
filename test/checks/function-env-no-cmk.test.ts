import check from "../../checks/function-env-no-cmk.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const env = [{ key: "TABLE_NAME", valueLength: 6, secretKinds: [] }];

describeCheckCases(check, [
  {
    name: "customer managed key",
    snapshot: snapshotWith({ functions: [secureFunction({ environment: env, kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k" })] }),
    expect: { status: "pass", reason: "customerManagedKey" },
  },
  { name: "AWS managed key", snapshot: snapshotWith({ functions: [secureFunction({ environment: env, kmsKeyArn: null })] }), expect: { status: "fail", reason: "awsManagedKey" } },
  { name: "no environment", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "not_applicable", reason: "noEnvironment" } },
  { name: "key not read", snapshot: snapshotWith({ functions: [secureFunction({ environment: env, kmsKeyArn: undefined })] }), expect: { status: "unknown", reason: "kmsKeyNotRead" } },
  { name: "environment not read", snapshot: snapshotWith({ functions: [secureFunction({ environment: undefined })] }), expect: { status: "unknown", reason: "environmentNotRead" } },
]);
