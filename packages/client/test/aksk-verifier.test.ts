// AK/SK requests from the real client, checked by an independent verifier over real HTTP: a
// correctly signed request is accepted; a body, a signed header or the date changed after
// signing is rejected. The whole suite runs with each primitive module `#crypto` can be:
// node:crypto (what Node.js loads) and Web Crypto (what browsers load).
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { startVerifier, type Verifier } from "./signature-verifier.js";
import { EXAMPLE_INSTANCE_ID, EXAMPLE_PROJECT_ID } from "./spec.js";

const AK = "TESTACCESSKEY123";
const SK = "test-secret-key-0123456789";
let verifier: Verifier;

beforeAll(async () => {
  verifier = await startVerifier({ [AK]: SK });
});
afterAll(() => verifier.close());

/** A fetch that changes the request after the client signed it, as a man in the middle would. */
function tampering(change: (init: RequestInit & { headers: Headers }) => void): typeof fetch {
  return (input, init) => {
    const changed = { ...init, headers: new Headers(init?.headers) };
    change(changed);
    return fetch(input, changed);
  };
}

const PRIMITIVES = [
  { name: "node:crypto", module: "../src/auth/crypto-node.js", usesWebCrypto: false },
  { name: "Web Crypto", module: "../src/auth/crypto-web.js", usesWebCrypto: true },
] as const;

describe.each(PRIMITIVES)("AK/SK signing on $name, checked by a verifier server", (primitives) => {
  let createNotebookImageClient: typeof import("../src/index.js").createNotebookImageClient;
  let ModelArtsApiError: typeof import("../src/index.js").ModelArtsApiError;
  let subtleSign: MockInstance;

  beforeAll(async () => {
    // The client as loaded where `#crypto` is this primitive module.
    vi.resetModules();
    vi.doMock("#crypto", () => import(primitives.module));
    ({ createNotebookImageClient, ModelArtsApiError } = await import("../src/index.js"));
    subtleSign = vi.spyOn(globalThis.crypto.subtle, "sign");
  });
  afterAll(() => {
    vi.doUnmock("#crypto");
    // The files of a worker share its modules (isolate: false): the next one loads them afresh,
    // with the real `#crypto`.
    vi.resetModules();
    subtleSign.mockRestore();
  });

  function client(options: { fetch?: typeof fetch; securityToken?: string } = {}) {
    return createNotebookImageClient({
      projectId: EXAMPLE_PROJECT_ID,
      baseUrl: verifier.url,
      auth: {
        accessKey: AK,
        secretKey: SK,
        ...(options.securityToken ? { securityToken: options.securityToken } : {}),
      },
      retry: false,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  const body = { name: "pytorch1_4", namespace: "atelier-auto", description: "образ ✓ with non-ASCII" };

  it("is accepted when nothing was changed, with the expected headers signed", async () => {
    const image = await client().saveInstanceAsImage(EXAMPLE_INSTANCE_ID, body);
    expect(image.status).toBe("INIT");
    const last = verifier.verdicts.at(-1);
    expect(last?.ok).toBe(true);
    expect(last?.headers.authorization).toMatch(
      /SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=/,
    );
    expect(last?.headers["x-project-id"]).toBe(EXAMPLE_PROJECT_ID);
  });

  it("signs and sends X-Security-Token with temporary credentials", async () => {
    await client({ securityToken: "temporary-security-token" }).saveInstanceAsImage(
      EXAMPLE_INSTANCE_ID,
      body,
    );
    const last = verifier.verdicts.at(-1);
    expect(last?.ok).toBe(true);
    expect(last?.headers["x-security-token"]).toBe("temporary-security-token");
    expect(last?.headers.authorization).toContain(
      "SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,",
    );
  });

  it("is accepted through client.api too", async () => {
    const { response } = await client().api.POST("/v1/{project_id}/notebooks/{id}/create-image", {
      params: { path: { project_id: EXAMPLE_PROJECT_ID, id: EXAMPLE_INSTANCE_ID } },
      body,
    });
    expect(response.status).toBe(200);
    expect(verifier.verdicts.at(-1)?.ok).toBe(true);
  });

  it.each([
    [
      "the body",
      (init: RequestInit & { headers: Headers }) => {
        init.body = new TextEncoder().encode(JSON.stringify({ ...body, name: "other" }));
      },
    ],
    [
      "a signed header (X-Project-Id)",
      (init: RequestInit & { headers: Headers }) => init.headers.set("X-Project-Id", "0000"),
    ],
    [
      "the date (X-Sdk-Date, one second later)",
      (init: RequestInit & { headers: Headers }) => {
        const date = init.headers.get("X-Sdk-Date") as string;
        const later = new Date(
          Date.UTC(
            +date.slice(0, 4),
            +date.slice(4, 6) - 1,
            +date.slice(6, 8),
            +date.slice(9, 11),
            +date.slice(11, 13),
            +date.slice(13, 15) + 1,
          ),
        );
        init.headers.set(
          "X-Sdk-Date",
          later
            .toISOString()
            .replace(/[-:]/g, "")
            .replace(/\.\d+Z$/, "Z"),
        );
      },
    ],
    [
      "the content type",
      (init: RequestInit & { headers: Headers }) => init.headers.set("Content-Type", "text/plain"),
    ],
  ])("is rejected when %s is changed after signing", async (_what, change) => {
    const error = await client({ fetch: tampering(change) })
      .saveInstanceAsImage(EXAMPLE_INSTANCE_ID, body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelArtsApiError);
    expect(error).toMatchObject({ status: 401 });
    expect(verifier.verdicts.at(-1)).toMatchObject({ ok: false, reason: "signature mismatch" });
  });

  it("is rejected with a wrong secret key", async () => {
    const wrong = createNotebookImageClient({
      projectId: EXAMPLE_PROJECT_ID,
      baseUrl: verifier.url,
      auth: { accessKey: AK, secretKey: "not-the-secret" },
      retry: false,
    });
    await expect(wrong.saveInstanceAsImage(EXAMPLE_INSTANCE_ID, body)).rejects.toMatchObject({ status: 401 });
    expect(verifier.verdicts.at(-1)?.reason).toBe("signature mismatch");
  });

  it(`signed ${primitives.usesWebCrypto ? "with" : "without"} crypto.subtle`, () => {
    expect(subtleSign.mock.calls.length > 0).toBe(primitives.usesWebCrypto);
  });
});
