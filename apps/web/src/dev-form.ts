import { type ConsoleConnection, localServerEndpoint } from "./local-server.js";

// `pnpm dev` only: the form starts filled in for the local server (vite.config.ts defines it).
declare const __DEV_FORM__: {
  endpointPath: string;
  instanceId: string;
  projectId: string;
  namespace: string;
  token: string;
} | null;

/** The local server through this page's origin, offered beside the mock (vite.config.ts proxies it). */
export function suggestLocalServer() {
  const list = document.getElementById("endpoint-suggestions");
  const option = Object.assign(document.createElement("option"), {
    value: localServerEndpoint(),
    textContent: "the local server (pnpm dev)",
  });
  list?.prepend(option);
}

/** `pnpm dev` only: the local server's seeded project and its development token. */
export function devConnection(): ConsoleConnection | undefined {
  const dev = __DEV_FORM__;
  return dev === null ? undefined : { projectId: dev.projectId, token: dev.token };
}

export function fillForDevelopment(form: HTMLFormElement) {
  const dev = __DEV_FORM__;
  if (dev === null) return;
  const set = (name: string, value: string) => {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLInputElement && control.value === control.defaultValue) control.value = value;
  };
  set("endpoint", `${location.origin}${dev.endpointPath}`);
  set("instanceId", dev.instanceId);
  set("projectId", dev.projectId);
  set("namespace", dev.namespace);
  set("token", dev.token);
  // The local server saves in seconds: checking every second shows each status as it comes.
  set("pollInterval", "1");
}
