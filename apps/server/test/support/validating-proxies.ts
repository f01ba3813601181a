// Prism's validating proxies, kept for the next harness of this worker instead of one started per
// harness: a Prism start costs about 3.7 CPU-seconds, and the files of a worker share its process
// (isolate: false in vitest.config.ts), one after the other. Each proxy forwards to a relay in this
// process, which forwards to the server of the harness holding it; a harness gives its proxy back
// when it closes. Prism still sees every request and response of each harness; the relay passes
// them on unchanged, but for the Host header, which names the server as Prism's own would.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type MockServer, startProxy } from "@notebook-image/mock";

export interface HeldProxy {
  /** Prism's validating proxy, in front of the holder's server. */
  proxy: MockServer;
  /** Gives the proxy back for the next harness; its requests reach no server meanwhile. */
  release(): void;
}

interface PooledProxy {
  proxy: MockServer;
  /** Where the relay forwards to: the holder's server; undefined while no harness holds the proxy. */
  route: { upstream: URL | undefined };
  /** Prism ended (killed, crashed): not handed out again. */
  ended: boolean;
}

const idle: PooledProxy[] = [];

/** A validating proxy in front of `upstream` (a server's base URL) until released. */
export async function holdValidatingProxy(upstream: string): Promise<HeldProxy> {
  const pooled = idle.pop() ?? (await startPooledProxy());
  pooled.route.upstream = new URL(upstream);
  let released = false;
  return {
    proxy: pooled.proxy,
    release() {
      if (released) return;
      released = true;
      pooled.route.upstream = undefined;
      if (!pooled.ended) idle.push(pooled);
    },
  };
}

async function startPooledProxy(): Promise<PooledProxy> {
  const route: PooledProxy["route"] = { upstream: undefined };
  const relay = startRelay(route);
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  let proxy: MockServer;
  try {
    const { port } = relay.address() as AddressInfo;
    proxy = await startProxy({ upstream: `http://127.0.0.1:${port}`, validateRequest: false });
  } catch (error) {
    relay.close();
    throw error;
  }
  const pooled: PooledProxy = { proxy, route, ended: false };
  void proxy.exited.then(() => {
    pooled.ended = true;
    // An idle proxy that ended is no longer handed out; a held one is not given back (release()).
    const at = idle.indexOf(pooled);
    if (at !== -1) idle.splice(at, 1);
    relay.close();
  });
  return pooled;
}

/** An HTTP server that passes each request on to `route.upstream` and its answer back, as they are. */
function startRelay(route: PooledProxy["route"]): Server {
  const relay = createServer((incoming, outgoing) => {
    const target = route.upstream;
    if (target === undefined) {
      outgoing.writeHead(502, { "content-type": "text/plain" }).end("no harness holds this proxy");
      return;
    }
    const forwarded = request(
      target,
      {
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", (error) => outgoing.destroy(error));
    incoming.pipe(forwarded);
  });
  // The relay lives as long as the worker (or its Prism), without keeping the worker alive.
  relay.unref();
  return relay;
}
