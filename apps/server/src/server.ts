// startServer(): the store, the engine, the save worker and the HTTP app, started in that order and
// closed in the reverse one. The store is being opened when this is called (server-store.ts), so
// that reading the spec here overlaps with PGlite's asynchronous start.
import { hostname } from "node:os";
import type { Writable } from "node:stream";
import { type SpecDocument, specDocument } from "@notebook-image/spec/reader";
import type { FastifyInstance } from "fastify";
import { createControlService } from "./control/control-service.js";
import { loadState, type ServerState } from "./control/server-state.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { createImageService } from "./domain/image-service.js";
import { createSaveWorker, newWorkerId } from "./domain/save-worker.js";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID, type SeedOptions, seed } from "./domain/seed.js";
import type { StorePort, TransitionSettings } from "./domain/store-port.js";
import type { Engine } from "./engine/engine.js";
import { createSimulatedEngine } from "./engine/simulated/simulated-engine.js";
import { BODY_LIMIT_BYTES, buildApp, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from "./http/app.js";
import { createGatewayAuth } from "./http/gateway-auth.js";
import { createHostRule } from "./http/host-names.js";
import { IAM_TOKEN_TTL_MS } from "./http/iam-routes.js";
import { isLoopback } from "./http/loopback.js";
import { requestValidators } from "./http/request-validator.js";
import {
  type AccessKeyPair,
  acceptedCredentials,
  gatewayCredentials,
  type TemporaryCredentials,
  temporaryKey,
} from "./server-credentials.js";
import { forwardingLogger, loggerOptions } from "./server-logging.js";
import { serverDefaults } from "./server-store.js";

export {
  type AccessKeyPair,
  DEV_CREDENTIALS,
  type TemporaryCredentials,
} from "./server-credentials.js";

export interface ServerOptions {
  /** Default 0: a free port (see `url`). The bin's default is 4020. */
  port?: number | undefined;
  /** Default "127.0.0.1". */
  host?: string | undefined;
  /**
   * Host names this server is reached by besides its address (and, on loopback, localhost): a
   * request naming another host is refused (DNS rebinding). The control API checks it on any bind,
   * the API routes when bound to loopback.
   */
  allowedHosts?: readonly string[] | undefined;
  /** PGlite on disk in this directory (locked: a second server on it is refused). */
  dataDir?: string | undefined;
  /** PGlite in memory: nothing outlives the process. The default of startServer() when no database is named. */
  inMemory?: boolean | undefined;
  /** A PostgreSQL server, shared by replicas (postgres://user:pass@host/db). */
  databaseUrl?: string | undefined;
  /** Projects the credentials may act on. Default: the README's project. */
  projectIds?: readonly string[] | undefined;
  /** IAM tokens accepted in X-Auth-Token. Default (with no access keys either): the development token. */
  tokens?: readonly string[] | undefined;
  /** AK/SK pairs whose signatures are accepted. Default (with no tokens either): the development pair. */
  accessKeys?: readonly AccessKeyPair[] | undefined;
  /** Temporary AK/SK with their security tokens and expiry (refused without the token, or once expired). */
  temporaryCredentials?: readonly TemporaryCredentials[] | undefined;
  /** IAM users who get tokens from POST /v3/auth/tokens with a password. Default (with no other credentials): the development user. */
  iamUsers?: readonly { name: string; password: string }[] | undefined;
  /** How long a token from POST /v3/auth/tokens is accepted. Default 24 hours, as IAM's. */
  iamTokenTtlMs?: number | undefined;
  /**
   * Lock an access key for 5 minutes after 5 bad signatures in a row, as Huawei's gateway does.
   * Default false: the access key travels in the clear, so anyone who sees it could keep its owner
   * locked out of this server for good.
   */
  lockOutAccessKeys?: boolean | undefined;
  /**
   * Accept the built-in development credentials on a server bound to an address other than
   * loopback (they are in the README: anyone on the network could use them). Default false: such a
   * server refuses to start without --token or --access-key.
   */
  allowDevCredentials?: boolean | undefined;
  /** SWR organizations that exist. Default: atelier-auto. */
  namespaces?: readonly string[] | undefined;
  /** Notebook instances created at start when missing. Default: the README's RUNNING notebook in the first project. */
  notebooks?:
    | readonly { id: string; projectId?: string | undefined; name?: string | undefined }[]
    | undefined;
  /** Host of swr_path. Default "swr.cn-north-4.myhuaweicloud.com". */
  registryHost?: string | undefined;
  /** "simulated" (default), "docker" (containers through the Docker Engine API), or an Engine of your own. */
  engine?: "simulated" | "docker" | Engine | undefined;
  /**
   * The docker engine: a pushed image larger than this many bytes (compressed) ends CREATE_FAILED
   * and is removed from the registry (ModelArts.2845's rule). Default: no limit.
   */
  maxImageSize?: number | undefined;
  /**
   * The docker engine: credentials of the registry at registryHost (X-Registry-Auth on push, basic
   * auth on its API). Never logged nor shown. Default: anonymous.
   */
  registryAuth?: { username: string; password: string } | undefined;
  /**
   * The docker engine: the image the built-in images are made from (pushed under each one's
   * swr_path the first time a notebook needs it). Default localhost/notebook-base:latest.
   */
  builtInBase?: string | undefined;
  /** Transitions of a new database (the control API changes them later). Default `time` 2 s / 5 s. */
  transitions?: TransitionSettings | undefined;
  /**
   * A state document (the control API's ServerState, e.g. parsed from the bin's --seed FILE) to
   * start from, replacing what the store holds: checked against the control document first, a
   * document that does not fit stops the start with every problem named.
   */
  seedState?: unknown;
  /** Serve /_control/ (default true; bound to a non-loopback host it also needs controlToken). */
  control?: boolean | undefined;
  controlToken?: string | undefined;
  /** Log lines (pino JSON) go here; default: no logging. Secrets are redacted. */
  logStream?: Writable | undefined;
  logLevel?: string | undefined;
  clock?: Clock | undefined;
  /**
   * How long a client may take (default: 30 s idle, 30 s for the headers, 10 min for the whole
   * request), so that a stalled client cannot hold a connection forever.
   */
  httpTimeouts?: Partial<HttpTimeouts> | undefined;
  /** Save worker tuning (tests). */
  worker?: { pollMs?: number; leaseMs?: number; concurrency?: number } | undefined;
}

export interface RunningServer {
  /** e.g. "http://127.0.0.1:4020" (no trailing slash). */
  url: string;
  port: number;
  /** Bound to a loopback address: only this machine can reach it. */
  loopback: boolean;
  /** The control API is served (/_control/); off the loopback it needs a control token. */
  control: boolean;
  /** What the server accepts, for printing at start. */
  credentials: {
    tokens: readonly string[];
    accessKeys: readonly AccessKeyPair[];
    temporaryCredentials: readonly TemporaryCredentials[];
    projectIds: readonly string[];
  };
  /** Stops accepting requests, lets the save worker put down its work, closes engine and store. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the server on `deps.store`, the store of these options being opened (openServerStore in
 * server-store.ts); it is closed with the server, or at once if the start fails.
 */
export async function startServerWith(
  options: ServerOptions,
  deps: { store: Promise<StorePort> },
): Promise<RunningServer> {
  let start: ReturnType<typeof startSettings>;
  try {
    start = startSettings(options);
  } catch (error) {
    // Options refused while the store opened: it is closed once open, and its own failure is moot.
    await deps.store.then(
      (store) => store.close(),
      () => undefined,
    );
    throw error;
  }
  const { host, loopback, clock, registryHost, projectIds, credentials, controlOn, defaults } = start;
  const { seedOptions, documents } = start;
  const store = await deps.store;
  const closers = closeStack();
  closers.push(() => store.close());
  try {
    const engine = await makeEngine(options, registryHost);
    closers.push(() => engine.close());
    if (documents.seedState) await loadState(store, engine, clock, documents.seedState, registryHost);
    else await seed(store, clock, seedOptions);
    const workerLog = forwardingLogger();
    const worker = createSaveWorker({
      store,
      engine,
      clock,
      workerId: newWorkerId(hostname()),
      logger: workerLog,
      ...options.worker,
    });
    // The data dir is this process's alone: whatever a crashed run held is free to resume now.
    if (store.exclusive) await store.saveJobs.releaseAll(clock.now());
    const hosts = createHostRule(host, options.allowedHosts ?? []);
    const images = createImageService({ store, engine, clock, registryHost });
    // Closed before the engine: the work on notebook containers still running ends first.
    closers.push(() => images.close());
    // As the save jobs: what a crashed run left is this process's to finish when it owns the data.
    if (store.exclusive) await images.resumeNotebookWork();
    const auth = createGatewayAuth(gatewayCredentials(credentials, projectIds), clock, {
      lockOut: options.lockOutAccessKeys === true,
    });
    const app = buildApp({
      spec: documents.spec,
      auth,
      images,
      control:
        controlOn && documents.control
          ? {
              document: documents.control,
              service: createControlService({
                store,
                engine,
                clock,
                worker,
                credentials: {
                  addTemporary: (temporary) => auth.addAccessKey(temporaryKey(projectIds)(temporary)),
                  forgetAdded: () => auth.forgetAddedAccessKeys(),
                },
                seed: seedOptions,
                defaults,
                defaultProjectId: projectIds[0] as string,
              }),
              guard: { loopbackOnly: loopback, token: options.controlToken, hosts },
            }
          : undefined,
      logger: loggerOptions(options),
      apiHosts: loopback ? hosts : undefined,
      iam: {
        document: specDocument("iam-openapi"),
        users: credentials.iamUsers,
        projectIds,
        tokenTtlMs: options.iamTokenTtlMs ?? IAM_TOKEN_TTL_MS,
        clock,
      },
      timeouts: { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts },
    });
    workerLog.writeTo(app.log);
    closers.push(() => worker.close());
    await worker.start();
    closers.push(() => app.close());
    const { url, port } = await listen(app, options.port ?? 0, host);
    const { tokens, accessKeys, temporaryCredentials } = credentials;
    return {
      url,
      port,
      loopback,
      control: controlOn,
      credentials: { tokens, accessKeys, temporaryCredentials, projectIds },
      close: closers.closeOnce,
    };
  } catch (error) {
    await closers.closeOnce();
    throw error;
  }
}

/**
 * What the options say, checked (credentials, project ids, the seed state) and with their defaults;
 * the documents read (a missing spec build is the most likely mistake).
 */
function startSettings(options: ServerOptions) {
  const host = options.host ?? "127.0.0.1";
  const loopback = isLoopback(host);
  const registryHost = options.registryHost ?? "swr.cn-north-4.myhuaweicloud.com";
  const projectIds = options.projectIds?.length ? [...options.projectIds] : [DEV_PROJECT_ID];
  const controlOn = (options.control ?? true) && (loopback || options.controlToken !== undefined);
  return {
    host,
    loopback,
    clock: options.clock ?? systemClock,
    registryHost,
    projectIds,
    credentials: acceptedCredentials(options, host, loopback),
    controlOn,
    defaults: serverDefaults(options),
    seedOptions: worldOf(options, registryHost, projectIds),
    documents: readDocuments(options, controlOn, projectIds),
  };
}

/** Listens on `host`:`port` (0: a free one); answers the URL and the port taken. */
async function listen(app: FastifyInstance, requestedPort: number, host: string) {
  // The kernel's queue of connections not yet accepted: Node's default (511) overflows when a
  // thousand clients connect while the event loop is busy with the database, and the overflow
  // is reset (ECONNRESET). Linux caps it at net.core.somaxconn.
  await app.listen({ port: requestedPort, host, backlog: 4096 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : requestedPort;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port };
}

/** The organizations and notebooks a new (or reset) world holds: the options', or the README's. */
function worldOf(options: ServerOptions, registryHost: string, projectIds: readonly string[]): SeedOptions {
  return {
    registryHost,
    namespaces: options.namespaces?.length ? options.namespaces : [DEV_NAMESPACE],
    notebooks: (options.notebooks ?? [{ id: DEV_NOTEBOOK_ID }]).map((n) => ({
      id: n.id,
      projectId: n.projectId ?? (projectIds[0] as string),
      name: n.name,
    })),
  };
}

/**
 * The API's document, the control document when it is needed (each read once per process), and the options
 * checked against them: the seed state against ServerState, each project id against ProjectId.
 */
function readDocuments(options: ServerOptions, controlOn: boolean, projectIds: readonly string[]) {
  const spec = specDocument("openapi");
  const control = controlOn || options.seedState !== undefined ? specDocument("control-openapi") : undefined;
  const seedState =
    control && options.seedState !== undefined ? checkedState(options.seedState, control) : undefined;
  const projectIdIssues = requestValidators.compile(spec.parameterSchema("ProjectId"));
  for (const id of projectIds) {
    const issues = projectIdIssues(id);
    if (issues.length > 0)
      throw new Error(`The project id "${id}" is not one: ${issues.map((i) => i.message).join("; ")}.`);
  }
  return { spec, control, seedState };
}

/**
 * What was opened, closed in the reverse order by `closeOnce` (each failure ignored: the others
 * still close); a second call gets the first one's promise.
 */
function closeStack() {
  const closers: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
  };
  return {
    push: (close: () => Promise<void>) => {
      closers.push(close);
    },
    closeOnce: (): Promise<void> => {
      closing ??= closeAll();
      return closing;
    },
  };
}

async function makeEngine(options: ServerOptions, registryHost: string): Promise<Engine> {
  const choice = options.engine;
  if (choice === undefined || choice === "simulated") return createSimulatedEngine();
  if (choice !== "docker") return choice;
  // Loaded only when asked for: the simulated engine needs none of dockerode.
  const { createDockerEngine } = await import("./engine/docker/index.js");
  return createDockerEngine({
    registryHost,
    maxImageSizeBytes: options.maxImageSize,
    builtInBase: options.builtInBase,
    registryAuth: options.registryAuth ? { ...options.registryAuth, serveraddress: registryHost } : undefined,
  });
}

export { BODY_LIMIT_BYTES };

/** A --seed document as the control API's POST /_control/state would take it, or an error naming each problem. */
function checkedState(state: unknown, document: SpecDocument): ServerState {
  const issues = requestValidators.compile(document.schema("ServerState"))(state);
  if (issues.length > 0) {
    throw new Error(`The seed state does not fit: ${issues.map((i) => i.message).join("; ")}.`);
  }
  return state as ServerState;
}
