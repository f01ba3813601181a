import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, startPostgres } from "../src/index.js";

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function until(condition: () => Promise<boolean> | boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

// The directory counts below must see only this file's servers: in pnpm test other suites (the
// server's PostgreSQL tests) start servers in the machine's temp dir at the same time. startPostgres()
// and the child it spawns take their temp dir from TMPDIR, so give them one of our own, traversable
// by the postgres user the servers run as.
const suiteTmp = mkdtempSync(join(tmpdir(), "test-postgres-suite-"));
chmodSync(suiteTmp, 0o755);
process.env.TMPDIR = suiteTmp;
afterAll(() => rmSync(suiteTmp, { recursive: true, force: true }));

const serverDirs = () =>
  new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("notebook-image-pg-")));

describe("startPostgres", () => {
  it("runs a real PostgreSQL server (as the postgres user when we are root) that takes SQL and new databases", async () => {
    const server = await startPostgres();
    try {
      const [row] = await query<{ version: string; user: string }>(
        server.url,
        "select version(), current_user as user, (select usesuper from pg_user where usename = current_user) as superuser",
      );
      expect(row?.version).toMatch(/^PostgreSQL \d+/);
      const [owner] = await query<{ name: string }>(
        server.url,
        "select pg_catalog.pg_get_userbyid(datdba) as name from pg_database where datname = 'postgres'",
      );
      expect(owner?.name).toBe("postgres");
      const other = await server.createDatabase();
      expect(other).not.toBe(server.url);
      await query(other, "create table t (id int8 primary key)");
      const tables = await query<{ n: string }>(
        server.url,
        "select count(*) as n from pg_tables where tablename = 't'",
      );
      // The table lives in the new database only.
      expect(tables[0]?.n).toBe("0");
      // Another process (a test file beside a vitest globalSetup's server) makes its own by the URL.
      const byUrl = await createDatabase(server.url);
      expect(byUrl).not.toBe(other);
      expect(await query<{ name: string }>(byUrl, "select current_database() as name")).toEqual([
        { name: new URL(byUrl).pathname.slice(1) },
      ]);
      await expect(createDatabase("postgres://postgres@db.example:5432/postgres")).rejects.toThrow(
        "is not the URL of a server startPostgres() started",
      );
    } finally {
      await server.close();
    }
    expect(await accepts(server.port)).toBe(false);
  });

  it("two servers at once get their own ports and directories, and close removes the directory", async () => {
    const before = serverDirs();
    const [a, b] = await Promise.all([startPostgres(), startPostgres()]);
    const mine = [...serverDirs()].filter((dir) => !before.has(dir));
    expect(mine).toHaveLength(2);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.close(), b.close()]);
    await a.close();
    for (const dir of mine) expect(existsSync(`${tmpdir()}/${dir}`)).toBe(false);
  });

  it("stops the server and removes its directory when the process that started it is killed with SIGKILL", async () => {
    const before = serverDirs();
    const child = spawn(process.execPath, [new URL("./start-in-child.mjs", import.meta.url).pathname], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`child exited with ${code} before starting postgres`)));
    });
    const { port } = JSON.parse(line) as { port: number };
    const [dir] = [...serverDirs()].filter((name) => !before.has(name));
    expect(await accepts(port)).toBe(true);
    child.kill("SIGKILL");
    expect(await until(async () => !(await accepts(port)), 20_000)).toBe(true);
    expect(await until(() => !existsSync(`${tmpdir()}/${dir}`), 20_000)).toBe(true);
  });
});
