// What the database says when something another part of the server holds in memory changed:
// PostgreSQL's LISTEN/NOTIFY, which PGlite has too, sent by the triggers of migrations 0003 and 0004.
// One path for a single server and for replicas on one PostgreSQL: a save queued by any of them wakes
// every worker at its due time, and settings changed through any server's control API reach them all.
// Images changed are listened to on PostgreSQL only: on PGlite this process sends every write itself
// and learns of it from the write's answer (image-memory.ts).
import type { PGlite } from "@electric-sql/pglite";
// pg is loaded by postgresNotices only: a server on PGlite never needs it (a faster start).
import type pg from "pg";

/** Payload: the due time (ms) of a save job that can be claimed from then on. */
export const SAVE_DUE_CHANNEL = "notebook_image_save_due";
/** Payload: the table (settings, namespaces) that changed. */
export const SETTINGS_CHANNEL = "notebook_image_settings";
/** Payload: the id of an image inserted, updated or deleted. */
export const IMAGES_CHANNEL = "notebook_image_images";

const CHANNELS = [SAVE_DUE_CHANNEL, SETTINGS_CHANNEL, IMAGES_CHANNEL] as const;
type Channel = (typeof CHANNELS)[number];

export interface Notices {
  on(channel: Channel, listener: (payload: string) => void): () => void;
  /**
   * Tells when notices stop being heard (false: the connection is lost, any may be missed) and when
   * they are heard again (true: listening again). PGlite's are never lost.
   */
  onListening(listener: (listening: boolean) => void): () => void;
  close(): Promise<void>;
}

function listenerSet() {
  const listeners = new Map<Channel, Set<(payload: string) => void>>(CHANNELS.map((c) => [c, new Set()]));
  return {
    emit(channel: Channel, payload: string) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
    on(channel: Channel, listener: (payload: string) => void) {
      listeners.get(channel)?.add(listener);
      return () => void listeners.get(channel)?.delete(listener);
    },
  };
}

/** PGlite hands a notification over as soon as the statement that sent it is over. */
export async function pgliteNotices(pglite: PGlite): Promise<Notices> {
  const listeners = listenerSet();
  const stops = await Promise.all(
    ([SAVE_DUE_CHANNEL, SETTINGS_CHANNEL] as const).map((channel) =>
      pglite.listen(channel, (payload) => listeners.emit(channel, payload)),
    ),
  );
  return {
    on: listeners.on,
    onListening: () => () => undefined,
    async close() {
      if (!pglite.closed) await Promise.all(stops.map((stop) => stop()));
    },
  };
}

/** How long a lost listening connection waits before it connects again. */
const RECONNECT_MS = 1_000;

/**
 * A connection of its own that only listens (a pooled one would stop listening when handed to a
 * query). When it is lost, onListening hears false at once, and it connects again; once it listens
 * again, onListening hears true and what it missed meanwhile is told as "everything may have
 * changed" (settings, and a due time of now), so that nothing waits on a lost notice. TCP keepalive,
 * so that a connection that silently went away is found lost too.
 */
export async function postgresNotices(config: pg.ClientConfig): Promise<Notices> {
  const { default: pg } = await import("pg");
  const listeners = listenerSet();
  const listening = new Set<(listening: boolean) => void>();
  const tellListening = (state: boolean) => {
    for (const listener of listening) listener(state);
  };
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ keepAlive: true, ...config });
    next.on("notification", (message) => {
      if ((CHANNELS as readonly string[]).includes(message.channel))
        listeners.emit(message.channel as Channel, message.payload ?? "");
    });
    next.on("error", () => {
      if (closed || client !== next) return;
      client = undefined;
      next.end().catch(() => undefined);
      tellListening(false);
      retry = setTimeout(reconnect, RECONNECT_MS);
    });
    await next.connect();
    for (const channel of CHANNELS) await next.query(`listen ${channel}`);
    client = next;
  };
  const reconnect = () => {
    connect().then(
      () => {
        tellListening(true);
        listeners.emit(SETTINGS_CHANNEL, "*");
        listeners.emit(SAVE_DUE_CHANNEL, "");
      },
      () => {
        if (!closed) retry = setTimeout(reconnect, RECONNECT_MS);
      },
    );
  };
  await connect();
  return {
    on: listeners.on,
    onListening(listener) {
      listening.add(listener);
      return () => void listening.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
