// A server (or a proxy, or another user naming an image) that puts terminal control sequences in
// every string it answers: the spec's own example bodies, routed by the spec's operations, with
// each text field replaced by HOSTILE. What the CLI prints of them must not drive the terminal.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jsonExample, loadBundledSpec, operations } from "@notebook-image/spec/testing";

/**
 * OSC 0 (retitles the terminal), OSC 8 (a forged hyperlink), CSI "clear screen" and "move up",
 * the one-character CSI U+009B, a carriage return that would overwrite the line, and BEL.
 */
export const HOSTILE =
  "evil\u001b]0;pwned\u0007 \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007 " +
  "\u001b[2J\u001b[1A \u009b31mred \rOVERWRITE\u0007";

/** The control characters HOSTILE holds; none may reach the screen from it. */
export const HOSTILE_CONTROLS = ["\u001b]", "\u001b[2J", "\u001b[1A", "\u009b", "\u0007", "\rOVERWRITE"];

/** Image ids the server answers differently: one whose save ends ACTIVE, one CREATE_FAILED, one refused. */
export const IDS = {
  active: "0a1b2c3d-0000-4000-8000-000000000001",
  failed: "0a1b2c3d-0000-4000-8000-000000000002",
  refused: "0a1b2c3d-0000-4000-8000-000000000003",
};

const spec = loadBundledSpec();
const routes = operations(spec).map((o) => ({
  operationId: o.operationId,
  method: o.method.toUpperCase(),
  pattern: new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
}));

function hostileImage(id: string, status: string): Record<string, unknown> {
  const example = jsonExample(spec, "ShowImage", { status: "200" }) as Record<string, unknown>;
  return {
    ...example,
    id,
    name: HOSTILE,
    tag: HOSTILE,
    status,
    status_message: HOSTILE,
    swr_path: HOSTILE,
    description: HOSTILE,
  };
}

/** The answer to one request: an operation of the spec, by its path and method. */
function answer(method: string, path: string): { status: number; body: unknown } {
  const route = routes.find((r) => r.method === method && r.pattern.test(path));
  const id = route === undefined ? undefined : route.pattern.exec(path)?.[2];
  const refusal = { status: 400, body: { error_code: HOSTILE, error_msg: HOSTILE } };
  switch (route?.operationId) {
    case "createImage":
      return { status: 200, body: hostileImage(IDS.active, "INIT") };
    case "ShowImage":
      if (id === IDS.refused) return refusal;
      return { status: 200, body: hostileImage(id ?? "", id === IDS.failed ? "CREATE_FAILED" : "ACTIVE") };
    case "ListImage": {
      const page = jsonExample(spec, "ListImage", { status: "200" }) as Record<string, unknown>;
      return { status: 200, body: { ...page, data: [hostileImage(IDS.active, HOSTILE)], total: 1 } };
    }
    case "ShowNotebook": {
      const notebook = jsonExample(spec, "ShowNotebook", { status: "200" }) as Record<string, unknown>;
      return {
        status: 200,
        body: { ...notebook, name: HOSTILE, status: HOSTILE, fail_reason: HOSTILE, url: HOSTILE },
      };
    }
    default:
      return refusal;
  }
}

export interface HostileApi {
  url: string;
  close(): Promise<void>;
}

export async function startHostileApi(): Promise<HostileApi> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      const { status, body } = answer(request.method ?? "GET", path);
      response.writeHead(status, {
        "content-type": "application/json",
        // A request id is a string from the network as well; a header can carry the C1 CSI (0x9b).
        "x-request-id": "req\u009b2Jid",
      });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
