import check from "../../checks/function-concurrency-unreserved.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";

describeCheckCases(check, [
  { name: "reserved", snapshot: snapshotWith({ functions: [secureFunction()] }), expect: { status: "pass", reason: "concurrencyReserved" } },
  { name: "throttled to zero", snapshot: snapshotWith({ functions: [secureFunction({ reservedConcurrency: 0 })] }), expect: { status: "pass", reason: "functionThrottled" } },
  { name: "unreserved", snapshot: snapshotWith({ functions: [secureFunction({ reservedConcurrency: null })] }), expect: { status: "fail", reason: "concurrencyUnreserved", evidence: { reservedConcurrency: null } } },
  { name: "not read", snapshot: snapshotWith({ functions: [secureFunction({ reservedConcurrency: undefined })] }), expect: { status: "unknown", reason: "concurrencyNotRead" } },
]);
