import type { MockOptions } from "./index.js";
/** The API a test run talks to: its base URL (no trailing slash) and how to stop it. */
export interface TestApi {
  url: string;
  close(): Promise<void>;
}

/**
 * For vitest `globalSetup`: starts a Prism mock with `errors: true` (options override), or, when
 * `TEST_API_BASE_URL` is set, uses that server instead and starts nothing. `MOCK_LOG=<file>`
 * appends Prism's request log to the file.
 */
export function startTestApi(options?: MockOptions): Promise<TestApi>;
