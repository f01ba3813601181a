// What the database says when something another part of the server holds in memory changed:
// PostgreSQL's LISTEN/NOTIFY, which PGlite has too, sent by the triggers of migration 0002. One
// path for a single server and for replicas on one PostgreSQL: a save queued by any of them wakes
// every worker at its due time, and settings changed through any server's control API reach them all.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** Payload: the due time (ms) of a save job that can be claimed from then on. */
export const SAVE_DUE_CHANNEL = "notebook_image_save_due";
/** Payload: the table (settings, namespaces) that changed. */
export const SETTINGS_CHANNEL = "notebook_image_settings";

const CHANNELS = [SAVE_DUE_CHANNEL, SETTINGS_CHANNEL] as const;
type Channel = (typeof CHANNELS)[number];

export interface Notices {
  on(channel: Channel, listener: (payload: string) => void): () => void;
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
    CHANNELS.map((channel) => pglite.listen(channel, (payload) => listeners.emit(channel, payload))),
  );
  return {
    on: listeners.on,
    async close() {
      if (!pglite.closed) await Promise.all(stops.map((stop) => stop()));
    },
  };
}

/** How long a lost listening connection waits before it connects again. */
const RECONNECT_MS = 1_000;

/**
 * A connection of its own that only listens (a pooled one would stop listening when handed to a
 * query). When it is lost, it connects again; what it missed meanwhile is told as "everything may
 * have changed" (every channel, with a due time of now), so that nothing waits on a lost notice.
 */
export async function postgresNotices(config: pg.ClientConfig): Promise<Notices> {
  const listeners = listenerSet();
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client(config);
    next.on("notification", (message) => {
      if ((CHANNELS as readonly string[]).includes(message.channel))
        listeners.emit(message.channel as Channel, message.payload ?? "");
    });
    next.on("error", () => {
      if (closed || client !== next) return;
      client = undefined;
      next.end().catch(() => undefined);
      retry = setTimeout(reconnect, RECONNECT_MS);
    });
    await next.connect();
    for (const channel of CHANNELS) await next.query(`listen ${channel}`);
    client = next;
  };
  const reconnect = () => {
    connect().then(
      () => {
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
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
