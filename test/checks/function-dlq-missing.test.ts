import check from "../../checks/function-dlq-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

describeCheckCases(check, [
  { name: "dead-letter queue", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "deadLetterQueue" } },
  {
    name: "on-failure destination",
    snapshot: snapshotWith({
      functions: [secureFunction({ deadLetterTargetArn: null, eventInvokeConfig: { onSuccessDestination: null, onFailureDestination: "arn:aws:sqs:eu-west-1:111122223333:failures" } })],
    }),
    expect: { status: "pass", reason: "onFailureDestination" },
  },
  { name: "neither", snapshot: snapshotWith({ functions: [secureFunction({ deadLetterTargetArn: null, eventInvokeConfig: null })] }), expect: { status: "fail", reason: "noFailureTarget" } },
  {
    name: "invoke config without failure destination",
    snapshot: snapshotWith({ functions: [secureFunction({ deadLetterTargetArn: null, eventInvokeConfig: { onSuccessDestination: "arn:aws:sqs:eu-west-1:111122223333:ok", onFailureDestination: null } })] }),
    expect: { status: "fail", reason: "noFailureTarget" },
  },
  { name: "invoke config not read", snapshot: snapshotWith({ functions: [secureFunction({ deadLetterTargetArn: null, eventInvokeConfig: undefined })] }), expect: { status: "unknown", reason: "eventInvokeConfigNotRead" } },
  { name: "dead-letter config not read", snapshot: snapshotWith({ functions: [secureFunction({ deadLetterTargetArn: undefined })] }), expect: { status: "unknown", reason: "deadLetterNotRead" } },
]);
