// startRecordingServer(): every request recorded with its body, answered as the test says (a JSON
// reply, one made from the request, one passed on to another server by forwardTo, or none at all);
// closedPortUrl() refuses connections. Real HTTP on loopback throughout.
import { describe, expect, it, onTestFinished } from "vitest";
import { closedPortUrl, forwardTo, startRecordingServer } from "../src/index.js";

const post = (url: string, body: string, timeoutMs = 5_000) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-marker": "m1" },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });

describe("startRecordingServer()", () => {
  it("records each request (method, URL, headers, body) and answers with the reply made from it", async () => {
    const server = await startRecordingServer({
      reply: (request) => ({ status: 201, body: { echoed: request.body } }),
    });
    onTestFinished(() => server.close());
    const response = await post(`${server.url}/v1/p/things?x=1`, '{"a":1}');
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ echoed: '{"a":1}' });
    expect(server.requests).toEqual([
      expect.objectContaining({ method: "POST", url: "/v1/p/things?x=1", body: '{"a":1}' }),
    ]);
    expect(server.requests[0]?.headers["x-marker"]).toBe("m1");
  });

  it("with answer: false records the request and never answers it; close() still ends", async () => {
    const server = await startRecordingServer({ answer: false });
    const refused = await post(server.url, "{}", 300).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: "TimeoutError" });
    expect(server.requests).toHaveLength(1);
    await server.close();
  });

  it("with forwardTo passes the request on and answers with the upstream's status, body and type", async () => {
    const upstream = await startRecordingServer({ reply: { status: 418, body: { from: "upstream" } } });
    onTestFinished(() => upstream.close());
    const proxy = await startRecordingServer({ reply: forwardTo(upstream.url) });
    onTestFinished(() => proxy.close());
    const response = await post(`${proxy.url}/path?q=2`, '{"b":2}');
    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ from: "upstream" });
    expect(proxy.requests.map(({ url }) => url)).toEqual(["/path?q=2"]);
    expect(upstream.requests).toEqual([
      expect.objectContaining({ method: "POST", url: "/path?q=2", body: '{"b":2}' }),
    ]);
    expect(upstream.requests[0]?.headers["x-marker"]).toBe("m1");
  });

  it("with forwardTo answers 504 when the upstream cannot be reached", async () => {
    const proxy = await startRecordingServer({ reply: forwardTo(await closedPortUrl()) });
    onTestFinished(() => proxy.close());
    const response = await post(proxy.url, "{}");
    expect(response.status).toBe(504);
    expect(await response.text()).toMatch(/^recording proxy: /);
  });
});
