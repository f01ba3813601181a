// The `pnpm dev: ready` line: the address each dev task says it listens on, read from its own
// announcement in turbo's output, so that the line names what actually started (a port given by a
// flag or an environment variable included), not what was expected.

/** What each service prints once it listens, by turbo task (the address is the first group). */
export const SERVICES = [
  { name: "mock", task: "@notebook-image/mock:dev", announces: /Prism is listening on (http\S+)/ },
  {
    name: "local server",
    task: "@notebook-image/server:dev",
    announces: /notebook-image-server listening on (http\S+)/,
  },
  { name: "docs", task: "@notebook-image/docs:dev", announces: /\[docs\] serving .* at (http\S+)/ },
  { name: "Save as Image page", task: "@notebook-image/web:dev", announces: /Local:\s+(http\S+)/ },
];

/** Colours and other terminal escapes, which turbo and vite add on a terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is matched
const ESCAPES = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * Reads turbo's output line by line; once every service has announced its address, `ready`
 * holds them (name → URL, without a trailing slash).
 */
export function createReadyWatcher(services = SERVICES) {
  /** @type {Map<string, string>} */
  const found = new Map();
  return {
    /** @param {string} line a line of turbo's output ("@notebook-image/web:dev:   ➜  Local: …") */
    read(line) {
      const text = line.replace(ESCAPES, "");
      for (const service of services) {
        if (found.has(service.name) || !text.startsWith(`${service.task}:`)) continue;
        const url = service.announces.exec(text)?.[1];
        if (url) found.set(service.name, url.replace(/\/$/, ""));
      }
    },
    /** Every service's address in the order of `services`, once all have announced one. */
    get ready() {
      if (found.size < services.length) return undefined;
      return new Map(
        services.map((service) => [service.name, /** @type {string} */ (found.get(service.name))]),
      );
    },
    /** The services that have not announced themselves yet. */
    get missing() {
      return services.filter((service) => !found.has(service.name)).map((service) => service.name);
    },
  };
}

/**
 * The one line said once everything listens.
 * @param {Map<string, string>} addresses
 * @param {number} seconds
 */
export function readyLine(addresses, seconds) {
  const named = [...addresses].map(([name, url]) => `${name} ${url}`).join(" · ");
  const page = addresses.get("Save as Image page");
  const console = page ? ` · console of the local server ${page}/console.html` : "";
  return `pnpm dev: ready in ${seconds} s: ${named}${console} (Ctrl-C stops)`;
}
