import { createServer, type Server } from "node:http";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";

/**
 * Every client of a scan uses one credential provider: whatever the source (a profile's role, SSO,
 * web identity, a container or instance role), it is asked once, not once per client. Shown with the
 * container credentials endpoint on loopback, which counts the times it is asked.
 */
let credentialsServer: Server;
let awsServer: Server;
let credentialRequests = 0;
let awsRequests = 0;
let credentialsUrl = "";
let awsUrl = "";

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));

beforeAll(async () => {
  credentialsServer = createServer((_request, response) => {
    credentialRequests += 1;
    response.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ AccessKeyId: "AKIACONTAINERTEST001", SecretAccessKey: "container-secret-not-real", Token: "token", Expiration: new Date(Date.now() + 3_600_000).toISOString() }),
    );
  });
  // Answers every AWS request with an error: the test counts credential look-ups, not answers.
  awsServer = createServer((request, response) => {
    awsRequests += 1;
    request.resume();
    response.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException" }).end('{"message":"test"}');
  });
  credentialsUrl = `${await listen(credentialsServer)}/credentials`;
  awsUrl = await listen(awsServer);
});

/** The environment of the test; vitest undoes each stub after the test (`unstubEnvs`). */
function stubEnvironment(): void {
  vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentialsUrl);
  vi.stubEnv("AWS_ENDPOINT_URL", awsUrl);
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  vi.stubEnv("AWS_CONFIG_FILE", "/dev/null");
  vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"]) vi.stubEnv(name, undefined);
}

afterAll(async () => {
  await new Promise((resolve) => credentialsServer.close(resolve));
  await new Promise((resolve) => awsServer.close(resolve));
});

describe("one credential provider per scan", () => {
  it("six clients in three services and two regions ask for credentials once", async () => {
    stubEnvironment();
    const clients = new AwsClients({ homeRegion: "us-east-1", maxAttempts: 1 });
    try {
      const sends = [
        clients.lambda("eu-west-1").send(new ListFunctionsCommand({})),
        clients.lambda("us-east-1").send(new ListFunctionsCommand({})),
        clients.iam().send(new GetRoleCommand({ RoleName: "any" })),
        clients.sts().send(new GetCallerIdentityCommand({})),
        clients.sts("eu-west-1").send(new GetCallerIdentityCommand({})),
        clients.lambda("ap-south-1").send(new ListFunctionsCommand({})),
      ];
      const settled = await Promise.allSettled(sends);
      // Every request reached the loopback AWS server, so each client had credentials.
      // Every client had credentials: each request was signed and reached the loopback AWS server.
      expect(settled.map((outcome) => (outcome.status === "rejected" ? (outcome.reason as Error).name : "answered"))).not.toContain("CredentialsProviderError");
      expect(awsRequests).toBe(6);
      expect(credentialRequests).toBe(1);
    } finally {
      clients.destroy();
    }
  });
});
