// The transcripts of the root README (its ```console blocks: `$ command`, then what it printed) are
// real: each block's commands run in one shell from the repository's root against the Prism mock,
// and print exactly what the README shows, exit codes included (`echo $?`). Only the mock's address
// is changed, both ways: the README's http://127.0.0.1:4010 is the test's mock.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const README_MOCK = "http://127.0.0.1:4010";

interface Step {
  /** The command as shown, continuation lines included. */
  command: string;
  /** What the README shows it printing. */
  output: string;
}

/** The ```console blocks of a Markdown file, each as its steps. */
function transcripts(markdown: string): Step[][] {
  return [...markdown.matchAll(/```console\n([\s\S]*?)\n```/g)].map((block) => {
    const steps: Step[] = [];
    let continued = false;
    for (const line of (block[1] ?? "").split("\n")) {
      const current = steps.at(-1);
      if (line.startsWith("$ ")) {
        steps.push({ command: line.slice(2), output: "" });
      } else if (continued && current) {
        current.command += `\n${line}`;
      } else if (current) {
        current.output += `${line}\n`;
      }
      continued = line.endsWith("\\");
    }
    return steps.map((step) => ({ ...step, output: step.output.trimEnd() }));
  });
}

const MARK = "@@readme-transcript-step@@";

/** Runs the steps in one shell (so `export` and `echo $?` work as shown); each step's output, stderr included. */
function runSteps(steps: Step[], mockUrl: string): Promise<string[]> {
  // After each step: a mark, then its exit status restored, for a following `echo $?`.
  const script = steps
    .map(
      (step) => `${step.command.replaceAll(README_MOCK, mockUrl)} 2>&1\n__s=$?; echo "${MARK}"; (exit $__s)`,
    )
    .join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script], {
      cwd: root,
      env: { PATH: process.env.PATH, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", () =>
      resolve(
        out
          .replaceAll(mockUrl, README_MOCK)
          .split(`${MARK}\n`)
          .slice(0, steps.length)
          .map((text) => text.trimEnd()),
      ),
    );
  });
}

describe("the root README's transcripts", () => {
  const blocks = transcripts(readFileSync(`${root}README.md`, "utf8"));

  it("are found (a console block per transcript)", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });

  it.each(blocks.map((steps, i) => [i + 1, steps] as const))(
    "transcript %i prints what the README shows, run against the mock",
    async (_, steps) => {
      const printed = await runSteps(steps, inject("mockUrl"));
      expect(printed.map((output, i) => ({ command: steps[i]?.command, output }))).toEqual(
        steps.map(({ command, output }) => ({ command, output })),
      );
    },
  );
});
