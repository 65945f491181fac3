import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-dlq-missing",
  title: "Failed asynchronous invocations go to a dead-letter queue or on-failure destination",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["CP-10", "SI-11", "AU-12"],
    owaspServerless: ["SAS-10", "SAS-5"],
    hipaa: ["164.312(c)(1)"],
    fsbp: [],
  },
  rationale:
    "Lambda discards an asynchronous event after its retries fail. Without a dead-letter queue or an " +
    "on-failure destination the event and the evidence of the failure are lost, whether the cause is a " +
    "bug, an outage or a crafted payload.",
  remediation:
    "Add an on-failure destination (it records the error as well as the event): Lambda console > function > " +
    "Configuration > Destinations > Add destination > On failure, or `aws lambda " +
    "put-function-event-invoke-config --function-name NAME --destination-config " +
    "'OnFailure={Destination=arn:aws:sqs:REGION:ACCOUNT:NAME-failures}'`; or a dead-letter queue with " +
    "`aws lambda update-function-configuration --function-name NAME --dead-letter-config TargetArn=QUEUE_ARN`.",
  requires: ["lambda:ListFunctions", "lambda:GetFunctionEventInvokeConfig"],
  limitations: "Functions invoked only synchronously (API Gateway, function URL) or by event source mappings do not use these settings; the snapshot cannot rule out asynchronous callers.",
  reasons: {
    deadLetterNotRead: "The function's dead-letter configuration was not read.",
    deadLetterQueue: "Failed asynchronous events go to a dead-letter queue.",
    eventInvokeConfigNotRead: "The function's asynchronous invocation configuration was not read.",
    onFailureDestination: "Failed asynchronous events go to an on-failure destination.",
    noFailureTarget: "Failed asynchronous events are discarded: no dead-letter queue and no on-failure destination.",
  },
  evaluate(fn) {
    if (fn.deadLetterTargetArn === undefined) return unknown("deadLetterNotRead");
    if (fn.deadLetterTargetArn !== null) return pass("deadLetterQueue", { deadLetterTargetArn: fn.deadLetterTargetArn });
    if (fn.eventInvokeConfig === undefined) return unknown("eventInvokeConfigNotRead", { deadLetterTargetArn: null });
    const destination = fn.eventInvokeConfig?.onFailureDestination ?? null;
    if (destination !== null) return pass("onFailureDestination", { onFailureDestination: destination });
    return fail("noFailureTarget", {
      deadLetterTargetArn: null,
      onFailureDestination: null,
    });
  },
});
