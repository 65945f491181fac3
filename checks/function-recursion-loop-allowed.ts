import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-recursion-loop-allowed",
  title: "Lambda stops the function's recursive invocation loops",
  severity: "medium",
  layer: "customer",
  phase: "execution",
  frameworks: {
    nist80053: ["SC-5", "SC-6"],
    owaspServerless: ["SAS-8"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "A function that writes to the queue, topic or bucket that triggers it invokes itself without end: a bug " +
    "or a crafted event turns into an unbounded bill (denial of wallet) and starves other functions of " +
    "concurrency. By default Lambda detects such loops and stops them after about 16 invocations " +
    "(Terminate); Allow turns that protection off.",
  remediation:
    "Set recursive loop detection back to Terminate unless the loop is intended and bounded in code: Lambda " +
    "console > function > Configuration > Concurrency and recursion detection > Edit, or `aws lambda " +
    "put-function-recursion-config --function-name NAME --recursive-loop Terminate`.",
  requires: ["lambda:GetFunctionRecursionConfig"],
  limitations:
    "Lambda detects loops through SQS, SNS, S3 and some other services only. Source: " +
    "https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionRecursionConfig.html and " +
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html (retrieved 2026-11-30).",
  reasons: {
    recursionConfigNotRead: "The function's recursive loop detection setting was not read.",
    recursiveLoopAllowed: "Recursive loop detection is off (RecursiveLoop Allow): Lambda lets the function's loops run.",
    recursiveLoopTerminated: "Lambda stops recursive loops of the function (RecursiveLoop Terminate).",
  },
  evaluate(fn) {
    if (fn.recursiveLoop === undefined) return unknown("recursionConfigNotRead");
    const evidence = { recursiveLoop: fn.recursiveLoop };
    return fn.recursiveLoop === "Allow" ? fail("recursiveLoopAllowed", evidence) : pass("recursiveLoopTerminated", evidence);
  },
});
