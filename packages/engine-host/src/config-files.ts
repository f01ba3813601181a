import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CONFIG_DIR = new URL("../config/", import.meta.url);

/**
 * Writes the package's configuration template `name` (from config/) into `dir`, with every
 * `{{key}}` replaced by `values[key]`; returns the written file's path.
 */
export function writeConfig(name: string, dir: string, values: Record<string, string>): string {
  const template = readFileSync(new URL(name, CONFIG_DIR), "utf8");
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`config/${name} uses {{${key}}}, which has no value`);
    return value;
  });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
