// The stateful server for the tests that follow a save over time (started by the global setup on a
// free port): saves move INIT → CREATING → ACTIVE, its control API sets the pace and the faults.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";

export interface TestServer {
  url: string;
  projectId: string;
  namespace: string;
  /** The CLI's environment for this server: its development token. */
  env: Record<string, string>;
  /** A new RUNNING notebook instance, so that each test saves its own (one save per instance at a time). */
  newNotebook(fields?: { name?: string }): Promise<string>;
  /** Sets a notebook instance's status, as the control API does (a failure that ModelArts would report). */
  setNotebookStatus(id: string, status: string): Promise<void>;
  /** Every notebook instance of every project, as ShowNotebook shows each. */
  notebooks(): Promise<{ id: string; name?: string; status: string }[]>;
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
}

/** The server the global setup started. */
export function testServer(): TestServer {
  const server = inject("server");
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
    projectId: server.projectId,
    namespace: server.namespace,
    env: { NOTEBOOK_IMAGE_TOKEN: server.token },
    async newNotebook(fields = {}) {
      const id = randomUUID();
      await control("POST", "/notebooks", { id, status: "RUNNING", ...fields });
      return id;
    },
    setNotebookStatus: (id, status) =>
      control("PUT", `/notebooks/${encodeURIComponent(id)}/status`, { status }),
    notebooks: async () => (await control("GET", "/notebooks")).notebooks,
    transitions: (settings) => control("PUT", "/transitions", settings),
    failNextSaves: (count, statusMessage) =>
      control("POST", "/faults", { failNextSaves: count, statusMessage }),
    advance: (imageId) => control("POST", `/images/${encodeURIComponent(imageId)}/advance`),
  };
}
