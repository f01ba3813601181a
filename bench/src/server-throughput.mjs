// create-image and ShowImage at 1 and 32 clients against one target (the server on a database, or
// Prism), each after a short warm-up of its own.
import { runWrk } from "./wrk.mjs";

/**
 * @param {{ url: string, token: string, creates: readonly import("./wrk.mjs").LoadRequest[], shows: () => Promise<readonly import("./wrk.mjs").LoadRequest[]> }} target
 *   `shows` is asked for after the creates, so that the server has images to show.
 * @param {{ seconds: number, warmupSeconds: number }} timing
 */
export async function measureThroughput({ url, token, creates, shows }, { seconds, warmupSeconds }) {
  /** @param {readonly import("./wrk.mjs").LoadRequest[]} requests */
  const atBoth = async (requests) => {
    await runWrk({ url, token, requests, concurrency: 4, seconds: warmupSeconds });
    return {
      c1: await runWrk({ url, token, requests, concurrency: 1, seconds }),
      c32: await runWrk({ url, token, requests, concurrency: 32, seconds }),
    };
  };
  const create = await atBoth(creates);
  const show = await atBoth(await shows());
  return { create, show };
}
