// The server's image (apps/server/Containerfile) under Testcontainers: in memory by default, with a
// control token (the control API is served off loopback only with one), waited on until its control
// API's health answers on the mapped port.
import { randomBytes } from "node:crypto";
import { AbstractStartedContainer, GenericContainer, type StartedTestContainer, Wait } from "testcontainers";

/** The port the server listens on inside its image. */
export const SERVER_PORT = 4020;

/** The header that carries the control token (the server's CONTROL_TOKEN_HEADER). */
const CONTROL_TOKEN_HEADER = "X-Control-Token";
const STARTUP_TIMEOUT_MS = 120_000;

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
    this.withEnvironment({ NOTEBOOK_IMAGE_SERVER_CONTROL_TOKEN: this.controlToken }).withWaitStrategy(
      Wait.forHttp("/_control/health", SERVER_PORT)
        .withHeaders({ [CONTROL_TOKEN_HEADER]: this.controlToken })
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
