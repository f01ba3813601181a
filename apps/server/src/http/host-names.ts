// Which names a request may use for this server, against DNS rebinding: a page on a name its owner
// controls (evil.example) can make that name resolve to 127.0.0.1 and then call this server with the
// browser's blessing, since for the browser it is the page's own origin. The page cannot change the
// Host header (or Origin) it sends, though: the server answers only the names it is known by.
import { isIP } from "node:net";
import { isLoopback } from "./loopback.js";

export interface HostRule {
  /** The Host header names this server (its port is not compared). */
  hostAllowed(host: string | undefined): boolean;
  /** An Origin header names a page served from one of those names (any port); "null" never does. */
  originAllowed(origin: string): boolean;
  /** The names accepted, for error messages. */
  readonly described: string;
}

const WILDCARD = new Set(["0.0.0.0", "::"]);

/** "[::1]:4020" → "::1", "Example.COM:80" → "example.com"; undefined when it is not a host. */
function hostnameOf(authority: string): string | undefined {
  try {
    const { hostname, username, password, pathname } = new URL(`http://${authority}`);
    if (username || password || pathname !== "/" || authority.includes("/")) return undefined;
    return hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return undefined;
  }
}

/**
 * The names of a server bound to `boundHost`: that address; bound to loopback, every loopback
 * address and `localhost`; bound to every interface (0.0.0.0, ::), any IP address and `localhost`
 * (an address cannot be rebound, only a name can); and the names given in `allowedHosts`.
 */
export function createHostRule(boundHost: string, allowedHosts: readonly string[]): HostRule {
  const bound = boundHost.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const extra = new Set(allowedHosts.map((name) => name.toLowerCase()));
  const nameAllowed = (name: string) =>
    name === bound ||
    extra.has(name) ||
    (isLoopback(bound) && isLoopback(name)) ||
    (WILDCARD.has(bound) && (isIP(name) !== 0 || name === "localhost"));
  const kinds = WILDCARD.has(bound)
    ? "any IP address of this machine, localhost"
    : isLoopback(bound)
      ? "127.0.0.1 (any loopback address), ::1, localhost"
      : bound;
  return {
    hostAllowed(host) {
      const name = host === undefined ? undefined : hostnameOf(host);
      return name !== undefined && nameAllowed(name);
    },
    originAllowed(origin) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      return (
        (url.protocol === "http:" || url.protocol === "https:") && nameAllowed(hostnameOf(url.host) ?? "")
      );
    },
    described: [kinds, ...extra].join(", "),
  };
}
