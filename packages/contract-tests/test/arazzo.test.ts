// The Arazzo workflow of the spec package (save-image.arazzo.yaml) run with `redocly respect`
// against the mock: it saves an image, checks the response, and follows the image until ACTIVE.
// The workflow's own lint (recommended-strict) is the spec package's `lint` task.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { firstRequestExample, pathExample } from "./support/spec.js";

const require = createRequire(import.meta.url);
const workflow = require.resolve("@notebook-image/spec/workflows/save-image.arazzo.yaml");
const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
const token = "arazzo-test-token-must-stay-masked";
const request = firstRequestExample();

function respect(overrides: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const inputs: Record<string, string> = {
    projectId: pathExample("project_id"),
    instanceId: pathExample("id"),
    token,
    name: String(request.name),
    namespace: String(request.namespace),
    tag: String(request.tag),
    ...overrides,
  };
  const args = [
    redocly,
    "respect",
    workflow,
    "--server",
    `notebookImage=${inject("mockUrl")}`,
    ...Object.entries(inputs).flatMap(([name, value]) => ["--input", `${name}=${value}`]),
    "--verbose",
  ];
  // The workflow finds the spec by a path relative to itself: run from its folder.
  const child = spawn(process.execPath, args, {
    cwd: dirname(workflow),
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
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("the save-image Arazzo workflow against the mock", () => {
  it("saves an image: 200, status INIT, a UUID id, schema and content type as the spec says", async () => {
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
