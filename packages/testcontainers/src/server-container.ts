// The server's image (the root Containerfile's target `server`) under Testcontainers: in memory by default, with a
// control token (the control API is served off loopback only with one), waited on until its control
// API's health answers on the mapped port.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { AbstractStartedContainer, GenericContainer, type StartedTestContainer, Wait } from "testcontainers";

/** The port the server listens on inside its image. */
export const SERVER_PORT = 4020;

const STARTUP_TIMEOUT_MS = 120_000;

interface ControlDocument {
  paths: Record<string, Record<string, { operationId?: string }>>;
  components: { securitySchemes: { ControlToken: { name: string } } };
}

/** The control API's health path and token header, from its OpenAPI document (@notebook-image/spec). */
function controlHealthCheck(): { path: string; tokenHeader: string } {
  const document = createRequire(import.meta.url)(
    "@notebook-image/spec/control-openapi.json",
  ) as ControlDocument;
  const path = Object.keys(document.paths).find(
    (key) => document.paths[key]?.get?.operationId === "getHealth",
  );
  if (path === undefined) throw new Error("the control API's document has no getHealth operation");
  return { path, tokenHeader: document.components.securitySchemes.ControlToken.name };
}

/**
 * `new NotebookImageServerContainer("notebook-image-server:1.0.0").start()`: the server with its state
 * in memory (`withDatabaseUrl` or `withCommand` change that), its control API on with a random
 * control token. Every other server flag is also an environment variable
 * (`NOTEBOOK_IMAGE_SERVER_<FLAG>`, through `withEnvironment`).
 */
export class NotebookImageServerContainer extends GenericContainer {
  private controlToken = randomBytes(24).toString("base64url");

  constructor(image: string) {
    super(image);
    this.withExposedPorts(SERVER_PORT).withCommand(["--in-memory"]).withStartupTimeout(STARTUP_TIMEOUT_MS);
  }

  /** The control token every control request must carry (default: a random one). */
  withControlToken(token: string): this {
    if (token === "") throw new Error("withControlToken: the control token must not be empty");
    this.controlToken = token;
    return this;
  }

  /** State in this PostgreSQL database (`--database-url`) instead of memory. */
  withDatabaseUrl(url: string): this {
    return this.withCommand(["--database-url", url]);
  }

  override async start(): Promise<StartedNotebookImageServerContainer> {
    const health = controlHealthCheck();
    this.withEnvironment({ NOTEBOOK_IMAGE_SERVER_CONTROL_TOKEN: this.controlToken }).withWaitStrategy(
      Wait.forHttp(health.path, SERVER_PORT)
        .withHeaders({ [health.tokenHeader]: this.controlToken })
        .forStatusCode(200),
    );
    return new StartedNotebookImageServerContainer(await super.start(), this.controlToken);
  }
}

export class StartedNotebookImageServerContainer extends AbstractStartedContainer {
  constructor(
    container: StartedTestContainer,
    private readonly controlToken: string,
  ) {
    super(container);
  }

  /** The server's URL on the host: the client's `baseUrl`, and the control client's. */
  getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(SERVER_PORT)}`;
  }

  /** The control token (for `createControlClient(url, { token })` of @notebook-image/server). */
  getControlToken(): string {
    return this.controlToken;
  }
}
