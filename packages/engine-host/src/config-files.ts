import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CONFIG_DIR = new URL("../config/", import.meta.url);

/**
 * Writes the package's configuration template `name` (from config/) into `dir`, followed by the
 * templates `appended`, with every `{{key}}` replaced by `values[key]`; returns the written file's path.
 */
export function writeConfig(
  name: string,
  dir: string,
  values: Record<string, string>,
  ...appended: string[]
): string {
  const text = [name, ...appended].map((part) => renderConfig(part, values)).join("");
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The template `name` (from config/) with every `{{key}}` replaced by `values[key]`. */
function renderConfig(name: string, values: Record<string, string>): string {
  const template = readFileSync(new URL(name, CONFIG_DIR), "utf8");
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`config/${name} uses {{${key}}}, which has no value`);
    return value;
  });
}
