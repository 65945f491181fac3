import check from "../../checks/function-code-no-cmk.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

describeCheckCases(check, [
  { name: "customer managed key", snapshot: snapshotWith({ functions: [secureFunction({ sourceKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/code" })] }), expect: { status: "pass", reason: "packageCustomerKey" } },
  { name: "AWS owned key", snapshot: snapshotWith({ functions: [secureFunction({ sourceKmsKeyArn: null })] }), expect: { status: "fail", reason: "packageAwsOwnedKey" } },
  { name: "container image", snapshot: snapshotWith({ functions: [secureFunction({ packageType: "Image", runtime: null, sourceKmsKeyArn: null })] }), expect: { status: "not_applicable", reason: "containerImage" } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "unknown", reason: "packageKeyNotRead" } },
]);
