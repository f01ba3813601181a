// createNotebookImageClient's options, and what it sends (or refuses to send).
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { connectionError, fakeFetch, IMAGE, json } from "../test/fake-fetch.js";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID, spec } from "../test/spec.js";
import { createNotebookImageClient } from "./client.js";
import { RequestValidationError } from "./errors.js";
import type { NotebookImageClientOptions } from "./options.js";

const BODY = { name: "pytorch1_4", namespace: "atelier-auto" };
const regional = spec.servers.find((s: { variables?: { region?: unknown } }) => s.variables?.region);

function optionIssues(options: Partial<NotebookImageClientOptions>) {
  const { fetch } = fakeFetch(json(200, IMAGE));
  try {
    createNotebookImageClient({
      projectId: EXAMPLE_PROJECT_ID,
      auth: { token: "t" },
      fetch,
      ...options,
    } as NotebookImageClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).issues;
  }
  return [];
}

describe("endpoint", () => {
  it("defaults to the spec's default region on the spec's regional server", () => {
    const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" } });
    expect(client.baseUrl).toBe(regional.url.replace("{region}", regional.variables.region.default));
  });

  it.each(regional.variables.region.enum as string[])("accepts region %s", (region) => {
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      region: region as "cn-north-4",
    });
    expect(client.baseUrl).toBe(regional.url.replace("{region}", region));
  });

  it("accepts a well-formed region the spec does not list yet (Huawei opens new ones), no cast needed", () => {
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "t" },
      region: "mars-north-1",
    });
    expect(client.baseUrl).toBe(regional.url.replace("{region}", "mars-north-1"));
  });

  it.each(["cn-north-4.evil.example", "CN-NORTH-4", "", "cn north 4", "cn-north-4/../x", "north"])(
    "rejects %j, which cannot be a region's part of the host name",
    (region) => {
      const issues = optionIssues({ region });
      expect(issues).toEqual([
        {
          path: "region",
          rule: "pattern",
          message: expect.stringContaining(`(got ${JSON.stringify(region)})`),
        },
      ]);
    },
  );

  it("suggests the closest known region for a near miss", () => {
    const known: string = regional.variables.region.default;
    const nearMiss = known.replace("-", "_");
    expect(optionIssues({ region: nearMiss })[0]?.message).toContain(`did you mean ${known}?`);
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://127.9.8.7",
    "http://localhost:1234/",
    "http://[::1]:80",
    "https://proxy.example.com/modelarts/",
  ])("accepts base URL %s", (baseUrl) => {
    expect(optionIssues({ baseUrl })).toEqual([]);
  });

  it("keeps a base URL's path, without a trailing slash, and sends requests under it", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({
      projectId: "p",
      baseUrl: "https://proxy.example.com/ma/",
      auth: { token: "t" },
      fetch,
    });
    expect(client.baseUrl).toBe("https://proxy.example.com/ma");
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY);
    expect(sent[0]?.url).toBe(
      `https://proxy.example.com/ma/v1/p/notebooks/${EXAMPLE_INSTANCE_ID}/create-image`,
    );
  });

  it.each(["http://modelarts.example.com", "http://10.0.0.1:8080", "http://128.0.0.1"])(
    "refuses plain http to a non-loopback host (%s)",
    (baseUrl) => {
      expect(optionIssues({ baseUrl })).toEqual([
        { path: "baseUrl", rule: "https", message: expect.stringContaining("must use https://") },
      ]);
    },
  );

  it("allows plain http anywhere with allowInsecureHttp", () => {
    expect(optionIssues({ baseUrl: "http://modelarts.example.com", allowInsecureHttp: true })).toEqual([]);
  });

  it.each(["not a url", "ftp://example.com", "https://user:pw@example.com", "https://example.com/?q=1"])(
    "rejects base URL %j",
    (baseUrl) => {
      expect(optionIssues({ baseUrl }).map((i) => i.path)).toEqual(["baseUrl"]);
    },
  );
});

describe("options", () => {
  it("rejects missing options with a RequestValidationError, not a TypeError", () => {
    expect(() => createNotebookImageClient(undefined as unknown as NotebookImageClientOptions)).toThrow(
      RequestValidationError,
    );
  });

  it("lists every problem of the options at once", () => {
    const issues = optionIssues({
      projectId: "a/b",
      auth: { token: "x\r\ny" },
      timeoutMs: 0,
      headers: { Prefer: "code=200\nX-Evil: 1" },
    });
    expect(issues.map((i) => `${i.path}:${i.rule}`).sort()).toEqual(
      [
        "auth.token:header-value",
        "headers.Prefer:header-value",
        "projectId:pattern",
        "timeoutMs:minimum",
      ].sort(),
    );
  });

  it.each([
    [{}, "auth"],
    [{ token: "" }, "auth.token"],
    [{ accessKey: "ak" }, "auth.secretKey"],
    [{ accessKey: "a\nk", secretKey: "sk" }, "auth.accessKey"],
    [{ accessKey: "ak", secretKey: "sk", securityToken: "t\r" }, "auth.securityToken"],
  ])("rejects auth %j", (auth, path) => {
    expect(optionIssues({ auth: auth as NotebookImageClientOptions["auth"] }).map((i) => i.path)).toEqual([
      path,
    ]);
  });

  it("rejects an invalid header name", () => {
    expect(optionIssues({ headers: { "Bad Name": "v" } })).toEqual([
      {
        path: "headers.Bad Name",
        rule: "header-name",
        message: "headers.Bad Name: is not a valid header name",
      },
    ]);
  });

  it.each([
    "Transfer-Encoding",
    "connection",
    "Keep-Alive",
    "Upgrade",
    "TE",
    "Content-Length",
    "Expect",
    "Host",
  ])("refuses %s, which the connection sets, before anything is sent", (name) => {
    expect(optionIssues({ headers: { [name]: "chunked" } })).toEqual([
      {
        path: `headers.${name}`,
        rule: "header-name",
        message: `headers.${name}: ${name} cannot be set: the HTTP connection sets it (a hop-by-hop, framing or host header)`,
      },
    ]);
  });

  it("does not quote the credentials of an endpoint it cannot parse", () => {
    const [problem] = optionIssues({ baseUrl: "http://user:hunter2@[::1:4010/" });
    expect(problem?.message).toContain('(got "http://[credentials hidden]@[::1:4010/")');
    expect(problem?.message).not.toContain("hunter2");
  });

  it("sends the client's extra headers, but never lets them replace the credentials", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({
      projectId: "p",
      auth: { token: "real-token" },
      fetch,
      headers: { "X-Trace": "abc", "X-Auth-Token": "spoofed" },
    });
    await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY, { headers: { Prefer: "code=200" } });
    expect(sent[0]?.headers.get("x-trace")).toBe("abc");
    expect(sent[0]?.headers.get("prefer")).toBe("code=200");
    expect(sent[0]?.headers.get("x-auth-token")).toBe("real-token");
    expect(sent[0]?.headers.get("content-type")).toBe("application/json");
  });
});

describe("invalid input sends nothing", () => {
  it.each([
    ["a bad body", EXAMPLE_INSTANCE_ID, { name: "Bad", namespace: "" }, {}, ["name", "namespace"]],
    ["a non-UUID instance id", "notebook-1", BODY, {}, ["instanceId"]],
    ["a path traversal in the instance id", "../../v2/x", BODY, {}, ["instanceId"]],
    [
      "a CR/LF in a call header",
      EXAMPLE_INSTANCE_ID,
      BODY,
      { headers: { Prefer: "a\r\nb" } },
      ["options.headers.Prefer"],
    ],
    ["everything wrong at once", "x", { nam: "a" }, {}, ["instanceId", "nam", "name", "namespace"]],
  ])(
    "%s: RequestValidationError listing every problem, and fetch never called",
    async (_what, id, body, call, paths) => {
      const { fetch, sent } = fakeFetch(json(200, IMAGE));
      const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch });
      const error = await client
        .saveInstanceAsImage(id, body as typeof BODY, call as { headers?: Record<string, string> })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).name).toBe("RequestValidationError");
      expect([...new Set((error as RequestValidationError).issues.map((i) => i.path))].sort()).toEqual(paths);
      for (const issue of (error as RequestValidationError).issues) {
        expect((error as Error).message).toContain(issue.message);
      }
      expect(sent).toHaveLength(0);
    },
  );
});

describe("path values", () => {
  it("are percent-encoded when given to client.api", async () => {
    const { fetch, sent } = fakeFetch(json(200, IMAGE));
    const client = createNotebookImageClient({ projectId: "p", auth: { token: "t" }, fetch });
    await client.api.POST("/v1/{project_id}/notebooks/{id}/create-image", {
      params: { path: { project_id: "p", id: "a/b c?d#e" } },
      body: BODY,
    });
    expect(new URL(sent[0]?.url ?? "").pathname).toBe("/v1/p/notebooks/a%2Fb%20c%3Fd%23e/create-image");
  });
});

describe("secrets never leak", () => {
  const TOKEN = "tok-SECRET-0d9f8e7a";
  const SK = "sk-SECRET-5b4c3a21";
  const leaks = (value: unknown, secrets: string[]) => {
    const texts = [
      String(value),
      inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(value),
      (value as Error).message,
      inspect((value as Error).cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ];
    return secrets.filter((s) => texts.some((t) => t?.includes(s)));
  };

  it.each([
    ["an API error", json(401, { error_code: "APIGW.0301", error_msg: "bad credentials" })],
    ["a network error", connectionError("ECONNRESET")],
    ["a timeout", "hang" as const],
  ])("from %s, with token or AK/SK auth", async (_what, step) => {
    for (const auth of [{ token: TOKEN }, { accessKey: "AK-PUBLIC", secretKey: SK, securityToken: TOKEN }]) {
      const { fetch, sent } = fakeFetch(step);
      const client = createNotebookImageClient({ projectId: "p", auth, fetch, retry: false, timeoutMs: 20 });
      const error = await client.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, BODY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const authorization = sent[0]?.headers.get("authorization");
      expect(leaks(error, [TOKEN, SK, ...(authorization ? [authorization] : [])])).toEqual([]);
      expect(leaks(client, [TOKEN, SK])).toEqual([]);
    }
  });

  it("from invalid credentials, which are named but never quoted", () => {
    for (const auth of [
      { token: `${TOKEN}\r\n` },
      { accessKey: "ak", secretKey: SK, securityToken: `${TOKEN}\n` },
    ]) {
      const error = (() => {
        try {
          return createNotebookImageClient({ projectId: "p", auth });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(RequestValidationError);
      expect(leaks(error, [TOKEN, SK])).toEqual([]);
    }
  });
});
