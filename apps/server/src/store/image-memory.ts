// Images as last read, answered from memory (ShowImage) where this process owns the database
// alone: PGlite, in a locked data dir or in memory. Forgotten whole by every statement that is not
// a plain SELECT (insert, update, delete, data-modifying WITH, begin, commit, rollback), whichever
// repository sends it, so no write path has to remember to keep it current. PGlite runs one
// statement at a time and a statement is told of once it holds the connection: a read that began
// before a write and answers after it saw the forget happen and is not held; a read that begins
// after it waits for the write. Reads inside a transaction never fill it (the transaction may roll
// back). With PostgreSQL another replica may write: no memory there.
import type { ImageRecord } from "../domain/store-port.js";

/** Images held at most; the oldest held is dropped first (10,000 images are a few MB). */
const MAX_IMAGES = 10_000;

export class ImageMemory {
  private readonly images = new Map<string, ImageRecord>();
  /** Bumped by every forget: a read that saw it change while it ran is not held. */
  private generation = 0;

  /** Told of every statement as it is sent on PGlite's one connection (withStatementLog). */
  readonly onStatement = (sql: string): void => {
    if (/^\s*select\s/i.test(sql)) return;
    this.generation++;
    this.images.clear();
  };

  /** The image held under key, or what `read` gives, held from now on if no write ran meanwhile. */
  async get(key: string, read: () => Promise<ImageRecord | undefined>): Promise<ImageRecord | undefined> {
    const held = this.images.get(key);
    if (held) return { ...held };
    const generation = this.generation;
    const image = await read();
    if (image && generation === this.generation) {
      if (this.images.size >= MAX_IMAGES) this.images.delete(this.images.keys().next().value as string);
      this.images.set(key, { ...image });
    }
    return image;
  }
}
