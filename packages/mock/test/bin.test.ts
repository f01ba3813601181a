// The notebook-image-mock command, run as a user would run it.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { bundledSpecPath } from "../src/index.js";
import { createImagePath, firstExampleValue, tokenHeaders, validRequestBody } from "./support/contract.js";
import { exitCode, groupAlive, stdoutLines } from "./support/processes.js";

const bin = fileURLToPath(new URL("../bin/notebook-image-mock.js", import.meta.url));
function run(...args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  // SIGTERM is what the bin handles to close Prism; a failed test must not leave it running.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  });
  return child;
}

function output(child: ReturnType<typeof run>): Promise<string> {
  let text = "";
  child.stdout.on("data", (chunk) => {
    text += chunk;
  });
  child.stderr.on("data", (chunk) => {
    text += chunk;
  });
  return exitCode(child).then(() => text);
}

describe("notebook-image-mock", () => {
  it("serves the mock on the port asked for, logs requests, and stops cleanly on SIGTERM", async () => {
    const child = run("--port", "0", "--errors");
    const stdout = stdoutLines(child);
    const [, url] = await stdout.waitFor(/Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const response = await fetch(`${url}${createImagePath()}`, {
      method: "POST",
      headers: tokenHeaders,
      body: JSON.stringify(validRequestBody),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    await stdout.waitFor(/Responding with "200"/);

    child.kill("SIGTERM");
    expect(await exitCode(child)).toBe(0);
    await expect(fetch(`${url}${createImagePath()}`)).rejects.toThrow();
  });

  it("says a reload of the rewritten spec in one line (Prism prints eight), on the same address", async () => {
    const spec = join(mkdtempSync(join(tmpdir(), "mock-reload-")), "openapi.yaml");
    onTestFinished(() => rmSync(dirname(spec), { recursive: true, force: true }));
    copyFileSync(bundledSpecPath(), spec);
    const child = run("--port", "0", "--spec", spec);
    const stdout = stdoutLines(child);
    const [, url] = await stdout.waitFor(/Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const before = stdout.lines.length;
    // What the spec's build does on an edit: the file is written again. Prism arms its file
    // watcher only after it prints "listening", so an edit made at once can go unseen: edit again
    // every 2 s until a reload shows (each edit that is seen must still print one line).
    const edit = () => writeFileSync(spec, `${readFileSync(spec, "utf8")}\n# edited\n`);
    edit();
    const editing = setInterval(edit, 2000);
    onTestFinished(() => clearInterval(editing));
    const [line] = await stdout.waitFor(/^.*the spec changed: \d+ operations reloaded, listening on \S+$/);
    clearInterval(editing);
    expect(line).toMatch(/^\[[^\]]+\] › \[CLI\] ↻ {2}reload {4}the spec changed: \d+ operations reloaded/);
    expect(line.endsWith(`listening on ${url}`)).toBe(true);
    const printed = stdout.lines.slice(before);
    expect(printed[0]).toBe(line);
    for (const other of printed)
      expect(other).toMatch(/the spec changed: \d+ operations reloaded, listening on /);
    const response = await fetch(`${url}${createImagePath()}`, {
      method: "POST",
      headers: tokenHeaders,
      body: JSON.stringify(validRequestBody),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it("listens on 127.0.0.1:4010 unless told otherwise", async () => {
    // Started with no flag at all. Port 4010 may be taken on a shared machine (a `pnpm dev` of
    // someone else): then the bin must fail naming that very address. Either way the address it
    // binds, or tries to, is the default one.
    const child = run();
    let text = "";
    child.stderr.on("data", (chunk) => {
      text += chunk;
    });
    const stdout = stdoutLines(child);
    const failed = exitCode(child).then((code) => ({ code }));
    // waitFor rejects when the bin exits first: then the exit is the outcome.
    const listening = stdout.waitFor(/Prism is listening on (\S+)/).then(
      ([, url]) => ({ url }),
      () => failed,
    );
    const outcome = await Promise.race([listening, failed]);
    if ("url" in outcome) {
      expect(outcome.url).toBe("http://127.0.0.1:4010");
      const response = await fetch(`${outcome.url}${createImagePath()}`, {
        method: "POST",
        headers: tokenHeaders,
        body: JSON.stringify(validRequestBody),
        signal: AbortSignal.timeout(10_000),
      });
      // Prism's own answer, not that of whatever else might listen there.
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      child.kill("SIGTERM");
      expect(await exitCode(child)).toBe(0);
    } else {
      expect(outcome.code).toBe(1);
      expect(text).toMatch(
        /Prism could not start the mock on 127\.0\.0\.1:4010: .*EADDRINUSE.*127\.0\.0\.1:4010/,
      );
    }
  });

  it("shows the defaults in its help", async () => {
    const help = run("--help");
    const text = await output(help);
    expect(help.exitCode).toBe(0);
    expect(text).toMatch(/--port\s+port to listen on \(default 4010/);
    expect(text).toMatch(/--host\s+host to listen on \(default 127\.0\.0\.1\)/);
  });

  it("with --upstream, validates a running server: a response that breaks the spec becomes a 500", async () => {
    const upstream = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ id: 5 }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => {
      upstream.close();
    });
    const address = upstream.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const child = run("--port", "0", "--upstream", `http://127.0.0.1:${port}`);
    const [, url] = await stdoutLines(child).waitFor(/Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const response = await fetch(`${url}${createImagePath()}`, {
      method: "POST",
      headers: tokenHeaders,
      body: JSON.stringify(validRequestBody),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await response.text()).toMatch(/required property 'name'/);
  });

  it("refuses an --upstream that is not an http(s) URL", async () => {
    const child = run("--port", "0", "--upstream", "127.0.0.1:4020");
    const text = await output(child);
    expect(child.exitCode).not.toBe(0);
    expect(text).toMatch(/upstream must be an absolute http:\/\/ or https:\/\/ URL/);
  });

  it("refuses a bad --port, naming the flag, without starting Prism", async () => {
    const child = run("--port", "http");
    const text = await output(child);
    expect(child.exitCode).toBe(2);
    expect(text).toMatch(/--port must be an integer from 0 to 65535, got "http"/);
    expect(text).not.toMatch(/Prism/);
  });

  it("refuses an unknown flag", async () => {
    const child = run("--prot", "4011");
    const text = await output(child);
    expect(child.exitCode).toBe(2);
    expect(text).toMatch(/--prot/);
  });

  it("exits non-zero with Prism's message when Prism cannot start", async () => {
    const child = run("--port", "0", "--spec", "/nonexistent/openapi.yaml");
    const text = await output(child);
    expect(child.exitCode).toBe(1);
    expect(text).toMatch(/ENOENT/);
    expect(groupAlive(child.pid ?? 0)).toBe(false);
  });
});

// What the bin answers, asked of one bin started with the defaults but a free port (a Prism start
// costs ~3 CPU-s).
describe("notebook-image-mock --port 0", () => {
  let answering: ChildProcess | undefined;
  let served: Promise<{ url: string; stdout: ReturnType<typeof stdoutLines> }>;
  beforeAll(() => {
    const child = spawn(process.execPath, [bin, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
    answering = child;
    const stdout = stdoutLines(child);
    served = stdout
      .waitFor(/Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/)
      .then(([, url]) => ({ url: url ?? "", stdout }));
  });
  afterAll(async () => {
    if (answering && answering.exitCode === null && answering.signalCode === null) {
      answering.kill("SIGTERM");
      await exitCode(answering);
    }
  });

  it("logs a request to a path the API lacks (a browser opening the mock's URL) as an answer, not an error", async () => {
    const { url, stdout } = await served;
    const from = stdout.lines.length;
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
    const [line] = await stdout.waitFor(
      /get \/ .*Answered 404 APIGW\.0101: no operation of the API has this path$/,
    );
    expect(line).toContain("ℹ  info");
    expect(stdout.lines.slice(from).join("\n")).not.toContain("✖");
  });

  it("answers malformed JSON with the spec's 400 at once, as startMock() does (patches/)", async () => {
    const { url } = await served;
    const response = await fetch(`${url}${createImagePath()}`, {
      method: "POST",
      headers: tokenHeaders,
      body: '{"name": ',
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toStrictEqual(firstExampleValue("400"));
    expect(response.headers.get("sl-violations")).toMatch(/not valid JSON/);
  });
});
