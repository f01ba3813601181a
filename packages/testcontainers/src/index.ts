// Testcontainers helpers for the images of the server and the mock (`pnpm image` builds them).
// testcontainers is a peer dependency: the project using these brings its own.
export {
  MOCK_PORT,
  NotebookImageMockContainer,
  StartedNotebookImageMockContainer,
} from "./mock-container.js";
export {
  NotebookImageServerContainer,
  SERVER_PORT,
  StartedNotebookImageServerContainer,
} from "./server-container.js";
