import check from "../../checks/function-snapstart-snapshot-exposed.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const SNAPSTART = { applyOn: "PublishedVersions" as const, optimizationStatus: "On" as const };
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/env";
const withSnapStart = (overrides = {}) => snapshotWith({ functions: [secureFunction({ snapStart: SNAPSTART, kmsKeyArn: KEY, ...overrides })] });

describeCheckCases(check, [
  { name: "no secrets, customer managed key", snapshot: withSnapStart(), expect: { status: "pass", reason: "snapshotProtected" } },
  {
    name: "a secret in the environment",
    snapshot: withSnapStart({ environment: [{ key: "API_TOKEN", valueLength: 40, secretKinds: ["generic-secret-by-key-name"] }] }),
    expect: { status: "fail", reason: "snapshotHoldsSecrets", evidence: { secretKeys: ["API_TOKEN"] } },
  },
  { name: "AWS managed key", snapshot: withSnapStart({ kmsKeyArn: null }), expect: { status: "fail", reason: "snapshotAwsManagedKey" } },
  { name: "SnapStart off", snapshot: withSnapStart({ snapStart: { applyOn: "None" } }), expect: { status: "not_applicable", reason: "snapStartOff" } },
  { name: "environment not read", snapshot: withSnapStart({ environment: undefined }), expect: { status: "unknown", reason: "environmentNotRead" } },
  { name: "SnapStart not read", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "unknown", reason: "snapStartNotRead" } },
]);
