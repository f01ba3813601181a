// startServer(): the store, the engine, the save worker and the HTTP app, started in that order and
// closed in the reverse one.
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import type { Writable } from "node:stream";
import type { FastifyServerOptions } from "fastify";
import { createControlService } from "./control/control-service.js";
import { loadState, type ServerState } from "./control/server-state.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { createImageService } from "./domain/image-service.js";
import { createSaveWorker, newWorkerId } from "./domain/save-worker.js";
import { DEV_NAMESPACE, DEV_NOTEBOOK_ID, DEV_PROJECT_ID, seed } from "./domain/seed.js";
import type { OpenStore, ServerSettings, TransitionSettings } from "./domain/store-port.js";
import { DEFAULT_TRANSITIONS } from "./domain/transitions.js";
import type { Engine } from "./engine/engine.js";
import { createSimulatedEngine } from "./engine/simulated/simulated-engine.js";
import {
  BODY_LIMIT_BYTES,
  buildApp,
  DEFAULT_HTTP_TIMEOUTS,
  type HttpTimeouts,
  REDACTED_PATHS,
} from "./http/app.js";
import { createGatewayAuth } from "./http/gateway-auth.js";
import { createHostRule } from "./http/host-names.js";
import { IAM_TOKEN_TTL_MS } from "./http/iam-routes.js";
import { isLoopback } from "./http/loopback.js";
import { createSchemaValidators, type SchemaValidators } from "./http/request-validator.js";
import { bundledSpecJsonPath, loadSpecDocument, type SpecDocument } from "./http/spec-document.js";

/** The development credentials a server without credential flags accepts (documented in the README). */
export const DEV_CREDENTIALS = {
  token: "notebook-image-dev-token",
  accessKey: "NOTEBOOKIMAGEDEVAK01",
  secretKey: "notebook-image-dev-secret-key",
  /** The IAM user whose password gets a token from POST /v3/auth/tokens. */
  iamUser: "notebook-image-user",
  iamPassword: "notebook-image-dev-password",
} as const;

export interface AccessKeyPair {
  accessKey: string;
  secretKey: string;
}

/** Temporary credentials, as STS or ECS metadata give them: every request carries the security token. */
export interface TemporaryCredentials extends AccessKeyPair {
  securityToken: string;
  /** When they expire: requests after it are refused with APIGW.0307. */
  expiresAt: Date;
}

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

export async function startServerWith(
  options: ServerOptions,
  deps: { openStore: OpenStore },
): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const clock = options.clock ?? systemClock;
  const registryHost = options.registryHost ?? "swr.cn-north-4.myhuaweicloud.com";
  const projectIds = options.projectIds?.length ? [...options.projectIds] : [DEV_PROJECT_ID];
  const temporaryCredentials = [...(options.temporaryCredentials ?? [])];
  const noCredentials =
    !options.tokens?.length && !options.accessKeys?.length && temporaryCredentials.length === 0;
  const tokens = noCredentials ? [DEV_CREDENTIALS.token] : [...(options.tokens ?? [])];
  const iamUsers = (
    noCredentials && !options.iamUsers?.length
      ? [{ name: DEV_CREDENTIALS.iamUser, password: DEV_CREDENTIALS.iamPassword }]
      : [...(options.iamUsers ?? [])]
  ).map((user) => ({ ...user, id: createHash("sha256").update(user.name).digest("hex").slice(0, 32) }));
  const accessKeys = noCredentials
    ? [{ accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey }]
    : [...(options.accessKeys ?? [])];
  const loopback = isLoopback(host);
  if (noCredentials && !loopback && options.allowDevCredentials !== true) {
    throw new Error(
      `Bound to ${host}, not loopback, this server would accept the README's development token, access key and IAM user from the network. ` +
        "Give credentials of your own (--token, or --access-key with --secret-key), or --allow-dev-credentials to accept the development ones anyway.",
    );
  }
  const controlOn = (options.control ?? true) && (loopback || options.controlToken !== undefined);
  const defaults: ServerSettings = {
    transitions: options.transitions ?? DEFAULT_TRANSITIONS,
    faults: { failNextSaves: 0, statusMessage: "" },
  };
  const seedOptions = {
    registryHost,
    namespaces: options.namespaces?.length ? options.namespaces : [DEV_NAMESPACE],
    notebooks: (options.notebooks ?? [{ id: DEV_NOTEBOOK_ID }]).map((n) => ({
      id: n.id,
      projectId: n.projectId ?? (projectIds[0] as string),
      name: n.name,
    })),
  };

  // Read before anything is opened: a missing spec build is the most likely mistake.
  const spec = loadSpecDocument();
  const controlDocument =
    controlOn || options.seedState !== undefined
      ? loadSpecDocument(bundledSpecJsonPath("control-openapi"))
      : undefined;
  const validators = createSchemaValidators();
  const seedState =
    controlDocument && options.seedState !== undefined
      ? checkedState(options.seedState, controlDocument, validators)
      : undefined;
  const projectIdIssues = validators.compile(spec.parameterSchema("ProjectId"));
  for (const id of projectIds) {
    const issues = projectIdIssues(id);
    if (issues.length > 0)
      throw new Error(`The project id "${id}" is not one: ${issues.map((i) => i.message).join("; ")}.`);
  }
  const store = await deps.openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    inMemory: options.inMemory ?? (options.dataDir === undefined && options.databaseUrl === undefined),
    defaults,
  });
  const closers: (() => Promise<void>)[] = [() => store.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
  };
  try {
    const engine = await makeEngine(options, registryHost);
    closers.push(() => engine.close());
    if (seedState) await loadState(store, engine, clock, seedState, registryHost);
    else await seed(store, clock, seedOptions);
    const logger: NonNullable<FastifyServerOptions["logger"]> = options.logStream
      ? {
          level: options.logLevel ?? "info",
          stream: options.logStream,
          redact: REDACTED_PATHS,
          serializers: { req: requestLogFields, err: errorLogFields },
        }
      : false;
    const workerLog = {
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
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
    const images = createImageService({
      store,
      engine,
      clock,
      registryHost,
    });
    const auth = createGatewayAuth(
      {
        tokens: tokens.map((token) => ({ token, projects: projectIds })),
        accessKeys: [
          ...accessKeys.map((k) => ({ ...k, projects: projectIds })),
          ...temporaryCredentials.map(({ accessKey, secretKey, securityToken, expiresAt }) => ({
            accessKey,
            secretKey,
            projects: projectIds,
            temporary: { securityToken, expiresAt: expiresAt.getTime() },
          })),
        ],
      },
      clock,
      { lockOut: options.lockOutAccessKeys === true },
    );
    const hosts = createHostRule(host, options.allowedHosts ?? []);
    const control =
      controlOn && controlDocument
        ? {
            document: controlDocument,
            service: createControlService({
              store,
              engine,
              clock,
              worker,
              seed: seedOptions,
              defaults,
              defaultProjectId: projectIds[0] as string,
            }),
            guard: { loopbackOnly: loopback, token: options.controlToken, hosts },
          }
        : undefined;
    const app = buildApp({
      spec,
      validators,
      auth,
      images,
      control,
      logger,
      apiHosts: loopback ? hosts : undefined,
      iam: {
        document: loadSpecDocument(bundledSpecJsonPath("iam-openapi")),
        users: iamUsers,
        projectIds,
        tokenTtlMs: options.iamTokenTtlMs ?? IAM_TOKEN_TTL_MS,
        clock,
      },
      timeouts: { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts },
    });
    Object.assign(workerLog, {
      info: (details: object, message: string) => app.log.info(details, message),
      warn: (details: object, message: string) => app.log.warn(details, message),
      error: (details: object, message: string) => app.log.error(details, message),
    });
    closers.push(() => worker.close());
    await worker.start();
    closers.push(() => app.close());
    // The kernel's queue of connections not yet accepted: Node's default (511) overflows when a
    // thousand clients connect while the event loop is busy with the database, and the overflow
    // is reset (ECONNRESET). Linux caps it at net.core.somaxconn.
    await app.listen({ port: options.port ?? 0, host, backlog: 4096 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
    const urlHost = host.includes(":") ? `[${host}]` : host;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${urlHost}:${port}`,
      port,
      loopback,
      control: controlOn,
      credentials: { tokens, accessKeys, temporaryCredentials, projectIds },
      close: () => {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** What a request's log line shows: enough to follow a call, with its headers (secrets redacted by pino). */
function requestLogFields(request: {
  method: string;
  url: string;
  ip?: string;
  headers?: Record<string, unknown>;
}) {
  return {
    method: request.method,
    url: request.url,
    remoteAddress: request.ip ?? "",
    headers: request.headers,
  };
}

/**
 * What an error's log line shows: its kind, message, code, stack and (a database error) the query's
 * text, which holds placeholders only. Never its other fields: PGlite's and pg's errors carry the
 * query's `params` (a description, a name...) and a `detail` that quotes values.
 */
function errorLogFields(error: Error & { code?: unknown; query?: unknown }) {
  return {
    type: error.name,
    message: error.message,
    ...(typeof error.code === "string" ? { code: error.code } : {}),
    ...(typeof error.query === "string" ? { query: error.query } : {}),
    stack: error.stack ?? "",
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
    registryAuth: options.registryAuth ? { ...options.registryAuth, serveraddress: registryHost } : undefined,
  });
}

export { BODY_LIMIT_BYTES };

/** A --seed document as the control API's POST /_control/state would take it, or an error naming each problem. */
function checkedState(state: unknown, document: SpecDocument, validators: SchemaValidators): ServerState {
  const issues = validators.compile(document.schema("ServerState"))(state);
  if (issues.length > 0) {
    throw new Error(`The seed state does not fit: ${issues.map((i) => i.message).join("; ")}.`);
  }
  return state as ServerState;
}
