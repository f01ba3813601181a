// The Arazzo workflow spec/workflows/save-image.arazzo.yaml, linted and run with `redocly respect`
// against the mock: it saves an image, checks the response, and follows the image until ACTIVE.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { spec, validRequestBody } from "./support/contract.js";
import { exitCode } from "./support/processes.js";

const require = createRequire(import.meta.url);
// The workflow is the spec package's (its export); Redocly is this package's own dev dependency.
const workflow = require.resolve("@notebook-image/spec/workflows/save-image.arazzo.yaml");
const workflowsDir = dirname(workflow);
const redoclyPackage = require.resolve("@redocly/cli/package.json");
const redocly = join(dirname(redoclyPackage), "bin", "cli.js");
const token = "arazzo-test-token-must-stay-masked";

async function redoclyRun(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [redocly, ...args], {
    cwd: workflowsDir,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await exitCode(child);
  return { code, output };
}

/** `redocly respect` on the workflow against the mock; inputs from the spec's own examples. */
function respect(overrides: Record<string, string> = {}) {
  const inputs: Record<string, string> = {
    projectId: spec.components.parameters.ProjectId.example,
    instanceId: spec.components.parameters.NotebookId.example,
    token,
    name: String(validRequestBody.name),
    namespace: String(validRequestBody.namespace),
    tag: String(validRequestBody.tag),
    ...overrides,
  };
  const inputArgs = Object.entries(inputs).flatMap(([name, value]) => ["--input", `${name}=${value}`]);
  return redoclyRun(
    "respect",
    workflow,
    "--server",
    `notebookImage=${inject("mockUrl")}`,
    ...inputArgs,
    "--verbose",
  );
}

describe("the save-image Arazzo workflow", () => {
  it("passes redocly lint (recommended-strict)", async () => {
    const { code, output } = await redoclyRun(
      "lint",
      "--config",
      join(workflowsDir, "redocly.yaml"),
      workflow,
    );
    expect(code, output).toBe(0);
    expect(output).toMatch(/valid/);
  });

  it("saves an image on the mock: 200, status INIT, a UUID id, schema and content type as the spec says", async () => {
    const { code, output } = await respect();
    expect(code, output).toBe(0);
    expect(output).toMatch(/✓ success criteria check - \$statusCode == 200/);
    expect(output).toMatch(/✓ success criteria check - \$\[\?\(@\.status == 'INIT'\)\]/);
    // The second step polls ShowImage; the mock's first ShowImage example is ACTIVE.
    expect(output).toMatch(/✓ success criteria check - \$\[\?\(@\.status == 'ACTIVE'\)\]/);
    expect(output).toMatch(/✓ schema check/);
    expect(output).toMatch(/Workflows: 1 passed, 1 total/);
    expect(output).not.toMatch(/✗/);
  });

  it("keeps the token out of its output", async () => {
    const { output } = await respect();
    expect(output).toMatch(/x-auth-token: \*+/i);
    expect(output).not.toContain(token);
  });

  it("fails when the API refuses the request (a tag with a space gets a 400)", async () => {
    const { code, output } = await respect({ tag: "v1 0" });
    expect(code, output).toBe(1);
    expect(output).toMatch(/✗ success criteria check - \$statusCode == 200/);
    expect(output).toMatch(/Workflows: 1 failed, 1 total/);
  });
});
