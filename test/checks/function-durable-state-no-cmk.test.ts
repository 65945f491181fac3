import check from "../../checks/function-durable-state-no-cmk.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

const durable = (kmsKeyArn: string | null) => snapshotWith({ functions: [secureFunction({ durableConfig: { retentionPeriodInDays: 14, kmsKeyArn } })] });

describeCheckCases(check, [
  { name: "customer managed key", snapshot: durable("arn:aws:kms:eu-west-1:111122223333:key/durable"), expect: { status: "pass", reason: "durableStateCustomerKey" } },
  { name: "AWS owned key only", snapshot: durable(null), expect: { status: "fail", reason: "durableStateAwsOwnedKey" } },
  {
    name: "the function's key does not cover execution data",
    snapshot: snapshotWith({ functions: [secureFunction({ kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/env", durableConfig: { kmsKeyArn: null } })] }),
    expect: { status: "fail", reason: "durableStateAwsOwnedKey", evidence: { functionKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/env" } },
  },
  { name: "not durable", snapshot: snapshotWith({ functions: [secureFunction({ durableConfig: null })] }), expect: { status: "not_applicable", reason: "notDurable" } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "unknown", reason: "durableConfigNotRead" } },
]);
