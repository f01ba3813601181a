/** A bad setting of the bin; its message names the setting and what is wrong with it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
