// The spec's diagrams: each diagrams/<name>.dot (Graphviz DOT, the text source kept in git) becomes
// dist/<name>.svg, which the introduction shows as ![…](<name>.svg) and the docs serve beside the
// page. Graphviz runs in-process as WebAssembly (@viz-js/viz): no system package, no network.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { instance } from "@viz-js/viz";

/**
 * Renders every diagram of `diagramsDir`; throws naming the file on a DOT syntax error.
 * @param {string} diagramsDir
 * @returns {Promise<{ name: string, svg: string }[]>} `name` is the SVG's file name
 */
export async function renderDiagrams(diagramsDir) {
  const viz = await instance();
  return readdirSync(diagramsDir)
    .filter((file) => file.endsWith(".dot"))
    .sort()
    .map((file) => {
      const result = viz.render(readFileSync(join(diagramsDir, file), "utf8"), { format: "svg" });
      if (result.status !== "success") {
        const messages = result.errors.map((error) => error.message.trim()).join("; ");
        throw new Error(`diagrams/${file}: ${messages}`);
      }
      return { name: `${basename(file, ".dot")}.svg`, svg: result.output };
    });
}
