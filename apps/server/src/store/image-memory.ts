// Images as last read or written, answered from memory (ShowImage), forgotten one by one as they
// change; and pages of images as last listed (ListImages), all forgotten when any image changes (a
// change may move an image into or out of any page, or change its total). What tells of a change
// (remembered-images.ts):
// - every write of images this process sends, when it answers: where this process owns the data
//   alone (PGlite: the locked data dir, or memory), the row it wrote is held from then on;
// - on PostgreSQL, where another replica may write too, also the notice each changed row sends in
//   the transaction that changes it (migration 0004, IMAGES_CHANNEL): the row is forgotten, and read
//   again when asked for. Nothing is held before that channel is listened to, nor while it is lost
//   (a notice missed then could leave a changed image held): see arm() and disarm().
//
// Why an answer is never held stale: a read or a write may answer after a later statement's answer
// (answers resolve as promises, not in the order the database ran them), and a notice may arrive
// before or after the answer of a read that raced the change. So every answer, and every notice,
// "touches" its image, and an answer is held only if nothing else touched that image between the
// moment its operation began and the moment it answered (the generation pattern, per image).
// Whatever ran in the database after the statement that answered tells of it by a touch after that
// statement ran, so either during the operation (the answer is not held) or after it (the touch
// forgets what was held). A page is held only if no image at all was touched while it was read.
import type { ImageListQuery, ImagePage, ImageRecord } from "../domain/store-port.js";

/** Images held at most, alone and in pages each; the oldest held is dropped first (10,000 images are a few MB). */
const MAX_IMAGES = 10_000;

/** An operation in flight: the touch count and the epoch when it began. */
interface Operation {
  since: number;
  epoch: number;
}

/** What a write changed: each image's id, with its row as written when the write returned it. */
export interface WrittenImage {
  id: string;
  image?: ImageRecord | undefined;
}

export class ImageMemory {
  private readonly held = new Map<string, ImageRecord>();
  /** Pages listed, by their query; with the number of images in them all. */
  private readonly pages = new Map<string, ImagePage>();
  private imagesInPages = 0;
  /** Touches so far (every answer and every notice is one). */
  private touches = 0;
  /**
   * Each image touched while an operation that began earlier is still in flight: its last touch
   * (oldest first; dropped once no operation began before it).
   */
  private readonly touchedAt = new Map<string, number>();
  /** Operations in flight, counted by the touch count when they began (ascending: oldest first). */
  private readonly running = new Map<number, number>();
  /** Bumped when everything is forgotten: no operation that began before is held. */
  private epoch = 0;

  /**
   * @param owned this process owns the data (no other writer): the rows writes return are held.
   * @param armed every change of an image, by anyone, will be told (not so on PostgreSQL until its
   *   notices are listened to).
   */
  constructor(
    private readonly owned: boolean,
    private armed: boolean,
  ) {}

  /** The image held, if it is of that project; else what `read` gives, held if nothing touched it meanwhile. */
  async get(
    projectId: string,
    id: string,
    read: () => Promise<ImageRecord | undefined>,
  ): Promise<ImageRecord | undefined> {
    const held = this.held.get(id);
    // Ids are unique across projects: one held under another project is not found in this one.
    if (held) return held.projectId === projectId ? { ...held } : undefined;
    const operation = this.begin();
    try {
      const image = await read();
      if (image && this.untouchedSince(id, operation)) this.hold(image);
      return image;
    } finally {
      this.end(operation);
    }
  }

  /** The page held for this query, or what `read` gives, held if no image was touched meanwhile. */
  async list(query: ImageListQuery, read: () => Promise<ImagePage>): Promise<ImagePage> {
    const key = JSON.stringify(query);
    const held = this.pages.get(key);
    if (held) return copyOf(held);
    const operation = this.begin();
    try {
      const page = await read();
      if (this.armed && operation.epoch === this.epoch && this.touches === operation.since) {
        this.holdPage(key, page);
      }
      return page;
    } finally {
      this.end(operation);
    }
  }

  /**
   * Runs a write of images; `written` names what its answer changed. Each is touched; where this
   * process owns the data, the row written is held if nothing else touched that image meanwhile.
   * A write that fails changed nothing here (one statement, undone whole) or, on PostgreSQL, its
   * notices tell what it changed.
   */
  async write<T>(run: () => Promise<T>, written: (answer: T) => readonly WrittenImage[]): Promise<T> {
    const operation = this.begin();
    try {
      const answer = await run();
      for (const { id, image } of written(answer)) {
        const untouched = this.untouchedSince(id, operation);
        this.touch(id);
        if (image && this.owned && untouched) this.hold(image);
      }
      return answer;
    } finally {
      this.end(operation);
    }
  }

  /** The image changed (a notice): forgotten, and a read of it in flight is not held. */
  touch(id: string): void {
    this.forgetPages();
    this.held.delete(id);
    this.touchedAt.delete(id);
    this.touchedAt.set(id, ++this.touches);
  }

  /** Everything may have changed (a reset, a transaction's writes): nothing held, nothing in flight held. */
  forgetAll(): void {
    this.forgetPages();
    this.held.clear();
    this.touchedAt.clear();
    this.epoch++;
  }

  /** Changes are no longer told (the listening connection is lost): hold nothing until arm(). */
  disarm(): void {
    this.armed = false;
    this.forgetAll();
  }

  /** Changes are told again from now on; what was read before may have missed one, so it is not held. */
  arm(): void {
    this.forgetAll();
    this.armed = true;
  }

  private untouchedSince(id: string, operation: Operation): boolean {
    return this.armed && operation.epoch === this.epoch && (this.touchedAt.get(id) ?? 0) <= operation.since;
  }

  private hold(image: ImageRecord): void {
    if (this.held.size >= MAX_IMAGES) this.held.delete(this.held.keys().next().value as string);
    this.held.set(image.id, { ...image });
  }

  private holdPage(key: string, page: ImagePage): void {
    if (page.images.length > MAX_IMAGES) return;
    for (const [oldest, dropped] of this.pages) {
      if (this.imagesInPages + page.images.length <= MAX_IMAGES) break;
      this.pages.delete(oldest);
      this.imagesInPages -= dropped.images.length;
    }
    this.pages.set(key, copyOf(page));
    this.imagesInPages += page.images.length;
  }

  private forgetPages(): void {
    this.pages.clear();
    this.imagesInPages = 0;
  }

  private begin(): Operation {
    const since = this.touches;
    this.running.set(since, (this.running.get(since) ?? 0) + 1);
    return { since, epoch: this.epoch };
  }

  private end({ since }: Operation): void {
    const left = (this.running.get(since) ?? 1) - 1;
    if (left > 0) this.running.set(since, left);
    else this.running.delete(since);
    // A touch matters only to operations that began before it.
    const oldest = this.running.keys().next();
    for (const [id, at] of this.touchedAt) {
      if (!oldest.done && at > oldest.value) break;
      this.touchedAt.delete(id);
    }
  }
}

function copyOf(page: ImagePage): ImagePage {
  return { images: page.images.map((image) => ({ ...image })), total: page.total };
}
