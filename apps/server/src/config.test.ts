import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN_DEFAULTS, ConfigError, parseConfig, USAGE } from "./config.js";

const configFile = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), "server-config-")), "config.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

describe("parseConfig", () => {
  it("with nothing given: port 4020, loopback, the data dir, the simulated engine", () => {
    const { options } = parseConfig([], {});
    expect(options).toMatchObject({
      port: BIN_DEFAULTS.port,
      host: "127.0.0.1",
      dataDir: BIN_DEFAULTS.dataDir,
      engine: "simulated",
    });
    expect(options.inMemory).toBeUndefined();
  });

  it("repeatable flags collect every value; access keys pair with secret keys by position", () => {
    const { options } = parseConfig(
      [
        "--token",
        "a",
        "--token",
        "b",
        "--access-key",
        "AK1",
        "--secret-key",
        "SK1",
        "--access-key",
        "AK2",
        "--secret-key",
        "SK2",
        "--namespace",
        "x",
        "--namespace",
        "y",
      ],
      {},
    );
    expect(options.tokens).toEqual(["a", "b"]);
    expect(options.accessKeys).toEqual([
      { accessKey: "AK1", secretKey: "SK1" },
      { accessKey: "AK2", secretKey: "SK2" },
    ]);
    expect(options.namespaces).toEqual(["x", "y"]);
  });

  it("a flag wins over the environment, which wins over the config file", () => {
    const file = configFile({
      port: 1111,
      host: "10.0.0.1",
      registryHost: "file.registry",
      namespace: ["from-file"],
    });
    const env = { NOTEBOOK_IMAGE_SERVER_PORT: "2222", NOTEBOOK_IMAGE_SERVER_HOST: "10.0.0.2" };
    const { options } = parseConfig(["--config", file, "--port", "3333"], env);
    expect(options.port).toBe(3333);
    expect(options.host).toBe("10.0.0.2");
    expect(options.registryHost).toBe("file.registry");
    expect(options.namespaces).toEqual(["from-file"]);
  });

  it("lists in the environment are comma-separated; DATABASE_URL names PostgreSQL", () => {
    const { options } = parseConfig([], {
      NOTEBOOK_IMAGE_SERVER_TOKEN: "t1, t2",
      DATABASE_URL: "postgres://u@localhost/db",
    });
    expect(options.tokens).toEqual(["t1", "t2"]);
    expect(options.databaseUrl).toBe("postgres://u@localhost/db");
    expect(options.dataDir).toBeUndefined();
  });

  it("--in-memory, --no-control, --transitions and --control-token", () => {
    const { options } = parseConfig(
      ["--in-memory", "--no-control", "--transitions", "manual", "--control-token", "c"],
      {},
    );
    expect(options).toMatchObject({
      inMemory: true,
      control: false,
      transitions: { mode: "manual" },
      controlToken: "c",
    });
  });

  it("--max-image-size for the docker engine, in bytes", () => {
    expect(parseConfig(["--engine", "docker", "--max-image-size", "500000000"], {}).options).toMatchObject({
      engine: "docker",
      maxImageSize: 500_000_000,
    });
  });

  it("--built-in-base for the docker engine", () => {
    expect(parseConfig(["--engine", "docker", "--built-in-base", "busybox:1.36"], {}).options).toMatchObject({
      builtInBase: "busybox:1.36",
    });
  });

  describe("registry credentials (docker engine)", () => {
    const secret = "s3cret-registry-pw";
    const passwordFile = () => {
      const path = join(mkdtempSync(join(tmpdir(), "server-config-")), "registry-password");
      writeFileSync(path, `${secret}\n`);
      return path;
    };
    const docker = ["--engine", "docker", "--registry-username", "pusher"];

    it("takes the user name from a flag and the password from a file (its trailing newline dropped) or the environment", () => {
      expect(
        parseConfig([...docker, "--registry-password-file", passwordFile()], {}).options.registryAuth,
      ).toEqual({ username: "pusher", password: secret });
      expect(
        parseConfig(docker, { NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD: secret }).options.registryAuth,
      ).toEqual({ username: "pusher", password: secret });
      expect(parseConfig(["--engine", "docker"], {}).options.registryAuth).toBeUndefined();
    });

    it.each([
      [docker, {}, /--registry-username needs its password/],
      [
        ["--engine", "docker"],
        { NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD: secret },
        /without --registry-username/,
      ],
      [
        [...docker, "--registry-password-file", "/no/such/file"],
        {},
        /--registry-password-file \/no\/such\/file: ENOENT/,
      ],
      [
        ["--registry-username", "pusher"],
        { NOTEBOOK_IMAGE_SERVER_REGISTRY_PASSWORD: secret },
        /applies to --engine docker only/,
      ],
    ])("refuses %j (with %j) naming the setting, never the password", (argv, env, message) => {
      const failure = (() => {
        try {
          parseConfig(argv, env);
        } catch (error) {
          return error as Error;
        }
        return undefined;
      })();
      expect(failure).toBeInstanceOf(ConfigError);
      expect(failure?.message).toMatch(message);
      expect(failure?.message).not.toContain(secret);
    });
  });

  it.each([
    [["--port", "70000"], /--port must be a whole number/],
    [["--port", "4o20"], /--port/],
    [["--in-memory", "--data-dir", "x"], /--data-dir and --in-memory/],
    [["--access-key", "AK"], /Each --access-key needs its --secret-key/],
    [["--engine", "k8s"], /--engine must be simulated or docker/],
    [
      ["--engine", "docker", "--max-image-size", "1.5e3x"],
      /--max-image-size must be a whole number of bytes/,
    ],
    [["--engine", "docker", "--max-image-size", "0"], /--max-image-size must be a whole number of bytes/],
    [["--max-image-size", "1000"], /--max-image-size applies to --engine docker only/],
    [["--built-in-base", "busybox"], /--built-in-base applies to --engine docker only/],
    [["--engine", "docker", "--built-in-base", " "], /--built-in-base must name an image/],
    [["--transitions", "slow"], /--transitions must be/],
    [["--database-url", "mysql://x"], /postgres/],
    [["--registry-host", "https://x"], /--registry-host/],
    [["--log-level", "loud"], /--log-level/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("refuses %j naming the setting", (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(ConfigError);
    expect(() => parseConfig(argv, {})).toThrow(message);
  });

  it("suggests the flag or config key meant when an unknown one is a likely typo", () => {
    expect(() => parseConfig(["--prot", "1"], {})).toThrow("Unknown option '--prot'. Did you mean --port?");
    expect(() => parseConfig(["--data-dri", "x"], {})).toThrow("Did you mean --data-dir?");
    expect(() => parseConfig(["--zzzzzzzz"], {})).toThrow(/Unknown option '--zzzzzzzz'\.\n/);
    expect(() => parseConfig(["--config", configFile({ dataDri: "x" })], {})).toThrow(
      'unknown key "dataDri". Did you mean "dataDir"?',
    );
  });

  it("reads --seed's JSON for startServer, and names the file it cannot use", () => {
    const state = { version: 1 };
    expect(parseConfig(["--seed", configFile(state)], {}).options.seedState).toEqual(state);
    expect(() => parseConfig(["--seed", configFile("{nope")], {})).toThrow(/--seed .* is not JSON/);
    expect(() => parseConfig(["--seed", "/no/such/seed.json"], {})).toThrow(
      "Cannot read --seed /no/such/seed.json: ENOENT.",
    );
  });

  it("documents every flag it reads in its usage text, each once", () => {
    // Every flag parseConfig accepts (a value given to each) appears in USAGE, and USAGE names no other.
    const documented = [...USAGE.matchAll(/^ {2}(?:-h, )?--([a-z-]+)/gm)].map((m) => m[1]);
    expect(new Set(documented).size).toBe(documented.length);
    for (const flag of documented) {
      expect(() => parseConfig([`--${flag}`, "x"], {}), flag).not.toThrow(/Unknown option/);
    }
    expect(documented).toEqual(expect.arrayContaining(["port", "seed", "control-token", "help"]));
    expect(USAGE).toMatch(/^ {2}--seed <file> +start from the state in this JSON file/m);
  });

  it("refuses a config file it cannot use, naming the file and the key", () => {
    expect(() => parseConfig(["--config", configFile("{nope")], {})).toThrow(/Cannot read the config file/);
    expect(() => parseConfig(["--config", configFile([1])], {})).toThrow(/must hold a JSON object/);
    expect(() => parseConfig(["--config", configFile({ prot: 1 })], {})).toThrow(/unknown key "prot"/);
    expect(() => parseConfig(["--config", configFile({ token: "one" })], {})).toThrow(
      /"token" must be an array/,
    );
    expect(() => parseConfig([], { NOTEBOOK_IMAGE_SERVER_IN_MEMORY: "maybe" })).toThrow(
      /IN_MEMORY must be true or false/,
    );
  });
});

describe("--temporary-credentials", () => {
  const credential = {
    access: "HSTTEMPORARYKEY00001",
    secret: "temporary-secret",
    securitytoken: "gQpjbi1ub3J0aC00token",
    expires_at: "2026-12-07T10:00:00.000000Z",
  };

  it("reads IAM's STS answer, its inner object, or an array of them", () => {
    const expected = {
      accessKey: credential.access,
      secretKey: credential.secret,
      securityToken: credential.securitytoken,
      expiresAt: new Date("2026-12-07T10:00:00.000Z"),
    };
    for (const content of [{ credential }, credential]) {
      const { options } = parseConfig(["--temporary-credentials", configFile(content)], {});
      expect(options.temporaryCredentials).toEqual([expected]);
    }
    const two = parseConfig(["--temporary-credentials", configFile([{ credential }, credential])], {});
    expect(two.options.temporaryCredentials).toHaveLength(2);
  });

  it("names the file and the field that is missing or not a date", () => {
    const { securitytoken: _, ...noToken } = credential;
    expect(() => parseConfig(["--temporary-credentials", configFile({ credential: noToken })], {})).toThrow(
      /--temporary-credentials .*: "securitytoken" must be a non-empty string/,
    );
    expect(() =>
      parseConfig(["--temporary-credentials", configFile({ ...credential, expires_at: "soon" })], {}),
    ).toThrow(/"expires_at" must be a date/);
    expect(() => parseConfig(["--temporary-credentials", "/no/such/file"], {})).toThrow(ConfigError);
  });
});
