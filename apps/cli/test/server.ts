// The stateful server for the tests that follow a save over time: started on a free port, with
// saves that move INIT → CREATING → ACTIVE, and its control API to set the pace and the faults.
import { randomUUID } from "node:crypto";
import { DEV_CREDENTIALS, DEV_PROJECT_ID, type RunningServer, startServer } from "@notebook-image/server";

export interface TestServer {
  url: string;
  projectId: string;
  /** The CLI's environment for this server: its development token. */
  env: Record<string, string>;
  /** A new RUNNING notebook instance, so that each test saves its own (one save per instance at a time). */
  newNotebook(): Promise<string>;
  /** How saves move: at once, after delays, or only when advanced. */
  transitions(
    settings:
      | { mode: "immediate" }
      | { mode: "manual" }
      | { mode: "time"; creatingAfterMs: number; activeAfterMs: number },
  ): Promise<void>;
  /** The next `count` saves end CREATE_FAILED with this status_message. */
  failNextSaves(count: number, statusMessage: string): Promise<void>;
  /** Moves a save one step on (manual mode). */
  advance(imageId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const server: RunningServer = await startServer();
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/_control${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_control${path}: ${response.status} ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
  return {
    url: server.url,
    projectId: DEV_PROJECT_ID,
    env: { NOTEBOOK_IMAGE_TOKEN: DEV_CREDENTIALS.token },
    async newNotebook() {
      const id = randomUUID();
      await control("POST", "/notebooks", { id, status: "RUNNING" });
      return id;
    },
    transitions: (settings) => control("PUT", "/transitions", settings),
    failNextSaves: (count, statusMessage) =>
      control("POST", "/faults", { failNextSaves: count, statusMessage }),
    advance: (imageId) => control("POST", `/images/${encodeURIComponent(imageId)}/advance`),
    close: () => server.close(),
  };
}
