import { defineCheck, fail, pass, unknown } from "../src/engine/check-kit.js";

export default defineCheck({
  id: "function-concurrency-unreserved",
  title: "Function has reserved concurrency",
  severity: "low",
  layer: "customer",
  phase: "output",
  frameworks: {
    nist80053: ["SC-5", "SC-6"],
    owaspServerless: ["SAS-8"],
    hipaa: [],
    fsbp: [],
  },
  rationale:
    "Reserved concurrency is both a floor and a ceiling: it caps how many copies a flood of events can " +
    "run (and bill, and push onto downstream databases), and it keeps a noisy neighbour from starving " +
    "this function of the account's shared concurrency.",
  remediation:
    "Reserve concurrency sized to the function's peak: Lambda console > function > Configuration > " +
    "Concurrency > Edit > Reserve concurrency, or `aws lambda put-function-concurrency --function-name " +
    "NAME --reserved-concurrent-executions 50`.",
  requires: ["lambda:GetFunction"],
  reasons: {
    concurrencyNotRead: "The function's reserved concurrency was not read.",
    concurrencyUnreserved: "The function has no reserved concurrency and can scale to the account limit.",
    functionThrottled: "Reserved concurrency is 0: the function is disabled.",
    concurrencyReserved: "Reserved concurrency is {reservedConcurrency}.",
  },
  evaluate(fn) {
    if (fn.reservedConcurrency === undefined) return unknown("concurrencyNotRead");
    if (fn.reservedConcurrency === null) return fail("concurrencyUnreserved", { reservedConcurrency: null });
    if (fn.reservedConcurrency === 0) return pass("functionThrottled", { reservedConcurrency: 0 });
    return pass("concurrencyReserved", { reservedConcurrency: fn.reservedConcurrency });
  },
});
