// Started by start-mock.test.ts as a separate process: starts a mock, prints Prism's pid, and waits
// to be killed, so the test can check that Prism does not outlive it.
import { startMock } from "../../src/index.js";

const mock = await startMock();
console.log(`prism-pid ${mock.pid}`);
setInterval(() => {}, 1 << 30);
