// Whether a host name or address is this machine's own: localhost, ::1 and 127.0.0.0/8, also as an
// IPv4-mapped IPv6 address (how a dual-stack socket reports an IPv4 peer). The one loopback test of
// the server: for the address it binds, the names it answers to and the peers of the control API.
import { isIP } from "node:net";

export function isLoopback(nameOrAddress: string | undefined): boolean {
  if (nameOrAddress === undefined) return false;
  const name = nameOrAddress.toLowerCase().replace(/^::ffff:/, "");
  return name === "localhost" || name === "::1" || (isIP(name) === 4 && name.startsWith("127."));
}
