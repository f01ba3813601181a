// The mock's image (the root Containerfile's target `mock`) under Testcontainers: Prism serving the bundled
// spec, waited on until it answers HTTP on the mapped port.
import { AbstractStartedContainer, GenericContainer, Wait } from "testcontainers";

/** The port the mock listens on inside its image. */
export const MOCK_PORT = 4010;

const STARTUP_TIMEOUT_MS = 120_000;

/**
 * `new NotebookImageMockContainer("notebook-image-mock:1.0.0").start()`: Prism answering from the
 * spec's examples; `withCommand(["--errors"])` or `["--dynamic"]` pass the mock's flags.
 */
export class NotebookImageMockContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    // Prism has no health route: any answer (a path outside the spec gets its 404) means it serves.
    this.withExposedPorts(MOCK_PORT)
      .withWaitStrategy(Wait.forHttp("/", MOCK_PORT).forStatusCodeMatching(() => true))
      .withStartupTimeout(STARTUP_TIMEOUT_MS);
  }

  override async start(): Promise<StartedNotebookImageMockContainer> {
    return new StartedNotebookImageMockContainer(await super.start());
  }
}

export class StartedNotebookImageMockContainer extends AbstractStartedContainer {
  /** The mock's URL on the host: the client's `baseUrl`. */
  getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(MOCK_PORT)}`;
  }
}
