import check from "../../checks/api-stage-client-certificate-missing.js";
import { describeCheckCases } from "../support/check-cases.js";
import { secureFunction, snapshotWith } from "../support/fixtures.js";
import { gap, restApiTo, restMethod } from "./builders.js";

const fn = secureFunction();
const httpBackend = restMethod(null, { httpMethod: "GET", integration: { type: "HTTP_PROXY", uri: "https://backend.example.com", functionArn: null } });

describeCheckCases(check, [
  { name: "HTTP backend with a client certificate", snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { extraMethods: [httpBackend] })] }), expect: { status: "pass", reason: "clientCertificateSet" } },
  {
    name: "HTTP backend without a client certificate",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { extraMethods: [httpBackend], stage: { clientCertificateId: null } })] }),
    expect: { status: "fail", reason: "noClientCertificate", evidence: { clientCertificateId: null, httpIntegrations: ["GET /orders"] } },
  },
  {
    name: "only Lambda integrations",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { stage: { clientCertificateId: null } })] }),
    expect: { status: "not_applicable", reason: "noHttpIntegrations" },
  },
  {
    name: "stages not readable",
    snapshot: snapshotWith({ functions: [fn], restApis: [restApiTo(fn, { extraMethods: [httpBackend] })], gaps: [gap("apigateway", "GetStages")] }),
    expect: { status: "unknown", reason: "dataUnavailable" },
  },
]);
