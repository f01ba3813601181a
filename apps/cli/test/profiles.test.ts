// Profiles (issue 25): `configure` writes one (mode 600, credentials never from argv), --profile
// picks one, [default] is read without it; the environment wins over the profile, flags over both.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/exit-codes.js";
import { ACCESS_KEY, ALL_SECRETS, PROJECT_ID, runCli, SECRET_KEY, TOKEN } from "./cli.js";
import { expectClean } from "./expect-clean.js";
import { runCliInPty } from "./pty.js";

const IMAGE_ID = "4e0d1854-63e5-4517-b683-a0ee97a692a1";
const OTHER_PROJECT = "11111111111111111111111111111111";

/** A fresh configuration directory, and the profiles file `configure` writes in it. */
function configHome() {
  const home = mkdtempSync(join(tmpdir(), "notebook-image-profiles-"));
  return { env: { XDG_CONFIG_HOME: home }, file: join(home, "notebook-image", "credentials") };
}

/** The dry run of `image show`: where it would go and with which credential, sending nothing. */
async function dryRun(env: Record<string, string>, ...flags: string[]) {
  const result = await runCli(["image", "show", IMAGE_ID, "--dry-run", ...flags], env);
  expectClean(result);
  expect(result.code).toBe(ExitCode.ok);
  const [, requestLine = ""] = result.stdout.split("\n");
  return { url: requestLine.split(" ")[1] ?? "", text: result.stdout };
}

describe("configure from stdin, and profiles in use", () => {
  it("writes the profile mode 600 without printing a secret; --profile and [default] are read", async () => {
    const { env, file } = configHome();
    const written = await runCli(
      ["configure", "--profile", "dev", "--endpoint", "http://127.0.0.1:4999"],
      env,
      {
        stdin: `ak=${ACCESS_KEY}\nsk=${SECRET_KEY}\nproject_id=${PROJECT_ID}\n`,
      },
    );
    expectClean(written);
    expect(written.code).toBe(ExitCode.ok);
    expect(written.stdout).toContain("credentials  an access key pair");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, "..")).mode & 0o777).toBe(0o700);
    const ini = readFileSync(file, "utf8");
    expect(ini).toContain("[dev]");
    expect(ini).toContain(`ak=${ACCESS_KEY}`);

    const dev = await dryRun(env, "--profile", "dev");
    expect(dev.url).toBe(`http://127.0.0.1:4999/v1/${PROJECT_ID}/images/${IMAGE_ID}`);
    expect(dev.text).toContain("authorization: SDK-HMAC-SHA256 Access=[redacted]");

    // Without --profile, only [default] is read: here there is none.
    const none = await runCli(["image", "show", IMAGE_ID], env);
    expect(none.code).toBe(ExitCode.usage);
    expect(none.stderr).toContain("credentials: none found");

    await runCli(["configure"], env, {
      stdin: `token=${TOKEN}\nproject_id=${PROJECT_ID}\nregion=ap-southeast-1\n`,
    });
    const byDefault = await dryRun(env);
    expect(byDefault.url).toContain("https://modelarts.ap-southeast-1.");
    expect(byDefault.text).toContain("x-auth-token: [redacted]");
  });

  it("the environment wins over the profile, and flags over both", async () => {
    const { env } = configHome();
    await runCli(["configure", "--endpoint", "http://127.0.0.1:4999"], env, {
      stdin: `ak=${ACCESS_KEY}\nsk=${SECRET_KEY}\nproject_id=${PROJECT_ID}\n`,
    });
    const fromEnv = await dryRun({
      ...env,
      NOTEBOOK_IMAGE_TOKEN: TOKEN,
      HUAWEICLOUD_SDK_PROJECT_ID: OTHER_PROJECT,
    });
    expect(fromEnv.text).toContain("x-auth-token: [redacted]");
    expect(fromEnv.text).not.toContain("SDK-HMAC-SHA256");
    expect(fromEnv.url).toBe(`http://127.0.0.1:4999/v1/${OTHER_PROJECT}/images/${IMAGE_ID}`);
    const fromFlags = await dryRun(
      { ...env, HUAWEICLOUD_SDK_PROJECT_ID: OTHER_PROJECT },
      "--project-id",
      "22222222222222222222222222222222",
      "--region",
      "cn-east-3",
    );
    expect(fromFlags.url).toBe(
      `https://modelarts.cn-east-3.myhuaweicloud.com/v1/22222222222222222222222222222222/images/${IMAGE_ID}`,
    );
  });

  it("refuses a missing profile naming --profile, and credentials given as flags", async () => {
    const { env } = configHome();
    const missing = await runCli(["image", "show", IMAGE_ID, "--profile", "nope"], {
      ...env,
      NOTEBOOK_IMAGE_TOKEN: TOKEN,
    });
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toMatch(/--profile: no profile 'nope' in .*credentials/);
    const flagged = await runCli(["configure", `--sk=${SECRET_KEY}`], env);
    expectClean(flagged);
    expect(flagged.code).toBe(ExitCode.usage);
    expect(flagged.stderr).toContain("never given on the command line");
    const bad = await runCli(["configure"], env, { stdin: `sk=${SECRET_KEY}\npassword=${TOKEN}\n` });
    expectClean(bad);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain("stdin line 2: expected key=value with a key among");
  });
});

describe("configure on a terminal", () => {
  it("asks for each value, the secrets without echo, and writes the profile", async () => {
    const { env, file } = configHome();
    const { code, screen } = await runCliInPty(["configure", "--profile", "tty"], env, {
      answers: [
        ["Region", "cn-north-4"],
        ["Endpoint", ""],
        ["Project id", PROJECT_ID],
        ["Access key", ACCESS_KEY],
        ["Secret key", SECRET_KEY],
        ["Security token", ""],
      ],
    });
    expect(code).toBe(ExitCode.ok);
    for (const secret of ALL_SECRETS) expect(screen).not.toContain(secret);
    expect(screen).toContain("Profile 'tty' written to");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const ini = readFileSync(file, "utf8");
    expect(ini).toContain(`sk=${SECRET_KEY}`);
    expect(ini).toContain("region=cn-north-4");
  });
});
