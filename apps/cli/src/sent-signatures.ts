// An AK/SK signature is a secret for as long as its X-Sdk-Date is accepted: it replays its request.
// A server or a proxy that quotes the request's Authorization back in an error must not get it
// printed, so each signature the CLI sends joins the secrets scrubbed from everything it writes.

/** A fetch that adds the signature of each request it sends to `secrets`, then sends it. */
export function fetchRecordingSignatures(
  secrets: string[],
  fetch: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return (input, init) => {
    const authorization = new Headers(init?.headers).get("authorization") ?? "";
    const signature = /\bSignature=([^,\s]+)/.exec(authorization)?.[1];
    if (signature !== undefined) secrets.push(signature);
    return fetch(input, init);
  };
}
