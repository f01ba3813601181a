// What the store keeps in memory between statements, so that a save does not read them every
// time: the settings, and the namespaces known to exist. Forgotten whenever they change, here or
// on another server of the same database (the SETTINGS_CHANNEL notice of migration 0002).
import type { ServerSettings } from "../domain/store-port.js";

export class StoreMemory {
  /** The settings as last read (a read in flight included); undefined: read them again. */
  settings: Promise<ServerSettings> | undefined;
  /** Namespaces seen to exist (they are only ever added, until a reset). */
  readonly namespaces = new Set<string>();

  forget(): void {
    this.settings = undefined;
    this.namespaces.clear();
  }

  /** The settings held, or those `read` gives, held from now on (unless they change meanwhile). */
  heldSettings(read: () => Promise<ServerSettings>): Promise<ServerSettings> {
    if (this.settings) return this.settings;
    const reading = read();
    this.settings = reading;
    // A failed read is not held: the next call reads again.
    reading.catch(() => {
      if (this.settings === reading) this.settings = undefined;
    });
    return reading;
  }
}
