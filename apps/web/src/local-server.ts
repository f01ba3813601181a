// Where this page's origin proxies the local server (vite.config.ts): the server sends no CORS
// headers, as ModelArts does not, so the page reaches it through its own origin.
export const LOCAL_SERVER_PATH = "/local-server";

/** The local server's endpoint as this page reaches it. */
export const localServerEndpoint = () => `${location.origin}${LOCAL_SERVER_PATH}`;

/** Whether `endpoint` (as typed in a form) is the local server through this page. */
export function isLocalServerEndpoint(endpoint: string): boolean {
  return endpoint.trim().replace(/\/+$/, "") === localServerEndpoint();
}

/**
 * The project and token the main page hands to the console when its link is followed: kept for
 * this tab only (sessionStorage), never in the URL, where history and logs would keep the token.
 */
const HANDOFF_KEY = "notebook-image.console-connection";

export interface ConsoleConnection {
  projectId: string;
  token: string;
}

export function handConnectionToConsole(connection: ConsoleConnection) {
  sessionStorage.setItem(HANDOFF_KEY, JSON.stringify(connection));
}

export function connectionFromMainPage(): ConsoleConnection | undefined {
  const stored = sessionStorage.getItem(HANDOFF_KEY);
  if (stored === null) return undefined;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value === "object" && value !== null && "projectId" in value && "token" in value) {
      return { projectId: String(value.projectId), token: String(value.token) };
    }
  } catch {
    // Not ours, or damaged: the console starts empty.
  }
  return undefined;
}
