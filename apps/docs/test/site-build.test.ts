// The built folder is publishable as is: everything the page loads is inside it, nothing comes
// from another host, and the bundled spec sits beside the page.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findExternalResources } from "../scripts/external-resources.mjs";
import { insertBeforeBodyEnd } from "../scripts/live-reload.mjs";
import {
  controlSpecJson,
  controlSpecYaml,
  distDir,
  specDiagrams,
  specJson,
  specYaml,
} from "../scripts/paths.mjs";
import { startStaticServer } from "../scripts/static-server.mjs";

const read = (file: string) => readFile(join(distDir, file), "utf8");

describe("findExternalResources", () => {
  it("finds stylesheets, scripts, preloads, CSS urls and module imports from other hosts", () => {
    const html = `
      <link href="https://fonts.googleapis.com/css?family=Montserrat" rel="stylesheet">
      <link rel="modulepreload" href="https://cdn.redocly.com/redoc/v3/redoc.standalone.js">
      <script src="//cdn.example.com/x.js"></script>
      <style>@font-face { src: url("https://fonts.gstatic.com/a.woff2") }</style>
      <script type="module">import { hydrate } from "https://cdn.example.com/redoc.js";</script>`;
    expect(findExternalResources(html)).toEqual([
      "//cdn.example.com/x.js",
      "https://fonts.googleapis.com/css?family=Montserrat",
      "https://cdn.redocly.com/redoc/v3/redoc.standalone.js",
      "https://fonts.gstatic.com/a.woff2",
      "https://cdn.example.com/redoc.js",
    ]);
  });

  it("leaves links, local files and URLs quoted in text alone", () => {
    const html = `<a href="https://redocly.com/redoc/">Redoc</a><link href="assets/theme.css" rel="stylesheet">
      <p>POST https://modelarts.cn-north-4.myhuaweicloud.com/v1/...</p><img src="assets/logo.svg">`;
    expect(findExternalResources(html)).toEqual([]);
  });
});

describe("the built site in dist/", () => {
  it("loads nothing from another host", async () => {
    for (const file of ["index.html", "assets/theme.css", "assets/fonts.css"]) {
      expect(findExternalResources(await read(file)), file).toEqual([]);
    }
    expect(await read("index.html")).not.toContain("fonts.googleapis.com");
  });

  it("contains every file that the page and its stylesheets refer to", async () => {
    const html = await read("index.html");
    const local = [...html.matchAll(/\s(?:href|src)="((?:assets\/|openapi\.)[^"#?]+)"/g)].map(
      (match) => match[1] ?? "",
    );
    const fonts = [...(await read("assets/fonts.css")).matchAll(/url\(\.\/([^)]+)\)/g)].map(
      (m) => `assets/${m[1]}`,
    );
    expect(local).toEqual(
      expect.arrayContaining(["assets/theme.css", "assets/fonts.css", "openapi.yaml", "openapi.json"]),
    );
    expect(fonts.length).toBeGreaterThan(5);
    for (const file of [...local, ...fonts]) expect(existsSync(join(distDir, file)), file).toBe(true);
  });

  it("publishes the bundled spec, unchanged, beside the page", async () => {
    expect(await read("openapi.yaml")).toBe(await readFile(specYaml, "utf8"));
    expect(await read("openapi.json")).toBe(await readFile(specJson, "utf8"));
  });

  it("publishes the spec's diagrams beside the page, for the introduction's images", async () => {
    const description = String(JSON.parse(await readFile(specJson, "utf8")).info.description);
    const images = [...description.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1] ?? "");
    expect(images.length).toBeGreaterThan(0);
    expect(specDiagrams.map((file) => file.split("/").at(-1))).toEqual(expect.arrayContaining(images));
    for (const image of images) {
      expect(await read(image)).toBe(
        await readFile(specDiagrams.find((f) => f.endsWith(`/${image}`)) ?? "", "utf8"),
      );
    }
  });

  it("offers no loopback server, in the page or the spec (only pnpm dev adds the local mock)", async () => {
    const servers = JSON.parse(await read("openapi.json")).servers as { url: string }[];
    expect(servers.length).toBeGreaterThan(0);
    const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/;
    expect(servers.filter((server) => loopback.test(server.url))).toEqual([]);
    // The page carries the document it was rendered from: the spec's servers, and no loopback one.
    const html = await read("index.html");
    expect(html).toContain(`"servers":[{"url":${JSON.stringify(servers[0]?.url)}`);
    expect(html).not.toMatch(/"url":"https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/);
  });
});

describe("the control API's page, control.html", () => {
  it("is the local server's control API, rendered from its own document, which it publishes unchanged", async () => {
    const html = await read("control.html");
    expect(html).toContain("<title>Local server control API · API reference</title>");
    // Redoc carries the document it renders: the control API's operations, not ModelArts'.
    expect(html).toContain('"operationId":"setTransitions"');
    expect(html).not.toContain('"operationId":"createImage"');
    expect(await read("control-openapi.yaml")).toBe(await readFile(controlSpecYaml, "utf8"));
    expect(await read("control-openapi.json")).toBe(await readFile(controlSpecJson, "utf8"));
  });

  it("loads nothing from another host, and every file it refers to is in the folder", async () => {
    const html = await read("control.html");
    expect(findExternalResources(html)).toEqual([]);
    const local = [...html.matchAll(/\s(?:href|src)="((?:assets\/|control-openapi\.)[^"#?]+)"/g)].map(
      (match) => match[1] ?? "",
    );
    expect(local).toEqual(
      expect.arrayContaining(["assets/theme.css", "control-openapi.yaml", "control-openapi.json"]),
    );
    for (const file of local) expect(existsSync(join(distDir, file)), file).toBe(true);
  });
});

describe("the live-reload script of pnpm dev", () => {
  it("goes before the page's own </body>, not into Redoc's inlined JavaScript that quotes one", async () => {
    const html = await read("index.html");
    // The built page itself has </body> inside a script: the reason the first one is the wrong place.
    expect(html.split("</body>").length - 1).toBeGreaterThan(1);
    const injected = insertBeforeBodyEnd(html, "<script>/*reload*/</script>");
    expect(injected).toMatch(/<script>\/\*reload\*\/<\/script><\/body>\s*<\/html>\s*$/);
    expect(injected.replace("<script>/*reload*/</script>", "")).toBe(html);
  });

  it("refuses a page without </body>", () => {
    expect(() => insertBeforeBodyEnd("<p>no body end</p>", "x")).toThrow(/no <\/body>/);
  });
});

describe("the static server", () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await startStaticServer({ root: distDir });
  });
  afterAll(() => server.close());

  it("serves the page, the spec and the assets with their content types", async () => {
    for (const [path, type] of [
      ["/", "text/html"],
      ["/openapi.yaml", "application/yaml"],
      ["/openapi.json", "application/json"],
      ["/assets/theme.css", "text/css"],
      ["/assets/fonts/inter-latin-wght-normal.woff2", "font/woff2"],
    ] as const) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toContain(type);
    }
  });

  it("answers 404 for missing files and for paths that climb out of the folder", async () => {
    expect((await fetch(`${server.url}/nope.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).toBe(404);
  });
});
