import { describe, expect, it } from "vitest";
import { classifyAwsError } from "../../src/aws/errors.js";

const serviceError = (name: string, message: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts: 1 }, ...extra });

describe("classifyAwsError", () => {
  it.each([
    [serviceError("AccessDeniedException", "User is not authorized", 403), "denied", "AccessDeniedException"],
    [serviceError("ResourceNotFoundException", "Function not found", 404), "notFound", "ResourceNotFoundException"],
    [serviceError("TooManyRequestsException", "Rate exceeded", 429), "throttled", "TooManyRequestsException"],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }), "network", "ECONNREFUSED"],
    [Object.assign(new Error("socket timed out"), { name: "TimeoutError" }), "network", "TimeoutError"],
  ])("classifies %s", (error, kind, code) => {
    expect(classifyAwsError(error)).toMatchObject({ kind, code });
  });

  it("a modelled service error keeps its code although the SDK attaches $response to it", () => {
    const error = serviceError("AccessDeniedException", "denied", 403);
    Object.defineProperty(error, "$response", { value: { statusCode: 403 }, enumerable: false });
    expect(classifyAwsError(error)).toMatchObject({ kind: "denied", code: "AccessDeniedException", message: "denied" });
  });

  it("a body that stopped arriving is a timeout, not an unparseable answer, and loses the SDK's hint", () => {
    const error = Object.assign(new Error("the answer's body did not arrive within 1000 ms"), { name: "TimeoutError" });
    // What the SDK's deserializer does to any error raised while it reads the body.
    Object.defineProperty(error, "$response", { value: { statusCode: 200 } });
    error.message += "\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.";
    expect(classifyAwsError(error)).toEqual({ kind: "network", code: "TimeoutError", message: "the answer's body did not arrive within 1000 ms" });
  });

  it("never repeats the bytes of an answer it could not parse", () => {
    const body = "\u001b[2J<html>secret-ish body text</html>";
    const parseError = Object.assign(new SyntaxError(`Unexpected token '<', "${body}" is not valid JSON`), {});
    Object.defineProperty(parseError, "$responseBodyText", { value: body });
    Object.defineProperty(parseError, "$response", { value: { statusCode: 200 } });
    const classified = classifyAwsError(parseError);
    expect(classified.code).toBe("UnparseableResponse");
    expect(classified.message).toBe("the answer could not be parsed");
    expect(JSON.stringify(classified)).not.toContain("html");
  });

  it("keeps control and bidi characters out of codes and messages, and bounds the message", () => {
    const hostile = serviceError("\u001b]0;pwned\u0007Denied", `denied \u001b[31mred\u202e ${"x".repeat(1000)}`, 403);
    const classified = classifyAwsError(hostile);
    expect(classified.code).toBe("InvalidErrorCode");
    expect(classified.kind).toBe("denied");
    expect(classified.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(classified.message.length).toBeLessThanOrEqual(300);
  });
});
