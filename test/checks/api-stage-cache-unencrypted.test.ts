import check from "../../checks/api-stage-cache-unencrypted.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, httpApiTo, restApiTo } from "./builders.js";

const fn = secureFunction();

describeCheckCases(check, [
  {
    name: "cache encrypted",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { cacheClusterEnabled: true, methodSettings: { "*/*": { cachingEnabled: true, cacheDataEncrypted: true } } } })] }),
    expect: { status: "pass", reason: "cacheDataEncrypted" },
  },
  {
    name: "cache not encrypted",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { cacheClusterEnabled: true, methodSettings: { "*/*": { cachingEnabled: true, cacheDataEncrypted: false } } } })] }),
    expect: { status: "fail", reason: "cacheDataUnencrypted", evidence: { unencryptedCachedPaths: ["*/*"] } },
  },
  {
    name: "one method overrides caching without encryption",
    snapshot: snapshotWith({
      functions: [fn],
      restApis: [restApiTo(fn, { stage: { cacheClusterEnabled: true, methodSettings: { "*/*": { cachingEnabled: false }, "orders/GET": { cachingEnabled: true } } } })],
    }),
    expect: { status: "fail", reason: "cacheDataUnencrypted", evidence: { unencryptedCachedPaths: ["orders/GET"] } },
  },
  { name: "no cache cluster", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)] }), expect: { status: "not_applicable", reason: "cacheDisabled" } },
  { name: "HTTP API", snapshot: snapshotWith({ functions: [fn], httpApis: [httpApiTo(fn)] }), expect: { status: "not_applicable", reason: "cacheNotSupported" } },
  {
    name: "stages not readable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn)], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
