// Turns the `auth` option into a function that adds credentials to each outgoing attempt.
import { hmacKey } from "#crypto";
import { formatSdkDate, sign } from "./sdk-hmac-sha256.js";

/** An IAM token, sent as `X-Auth-Token`. */
export interface TokenAuth {
  token: string;
}
/** An access key pair: each request is signed with SDK-HMAC-SHA256. */
export interface AkSkAuth {
  accessKey: string;
  secretKey: string;
  /** Security token of temporary credentials, sent as `X-Security-Token` (and signed). */
  securityToken?: string;
}
export type Auth = TokenAuth | AkSkAuth;

/**
 * Adds credentials to the headers of one attempt; `body` is the exact bytes that will be sent.
 * Returns a promise when it signs (AK/SK).
 */
export type Authenticate = (
  method: string,
  url: string,
  headers: Headers,
  body: Uint8Array | undefined,
) => void | Promise<void>;

/** Headers signed when the request has them (`host` is always signed, from the URL). */
const SIGNED_HEADERS = ["content-type", "x-project-id", "x-sdk-date", "x-security-token"];

export function createAuthenticator(auth: Auth, projectId: string): Authenticate {
  if ("token" in auth) {
    const { token } = auth;
    return (_method, _url, headers) => headers.set("x-auth-token", token);
  }
  const { accessKey, secretKey, securityToken } = auth;
  // The secret is prepared for HMAC once per client, lazily: importing a Web Crypto key is slow
  // (and asynchronous); in Node.js this makes a KeyObject.
  let key: ReturnType<typeof hmacKey> | undefined;
  return async (method, url, headers, body) => {
    key ??= hmacKey(secretKey);
    const sdkDate = formatSdkDate(new Date());
    // Huawei's SDKs send the project id with AK/SK, and the security token of temporary credentials.
    headers.set("x-sdk-date", sdkDate);
    headers.set("x-project-id", projectId);
    if (securityToken !== undefined) headers.set("x-security-token", securityToken);
    const target = new URL(url);
    const signedHeaders: Record<string, string> = { host: target.host };
    for (const name of SIGNED_HEADERS) {
      const value = headers.get(name);
      if (value !== null) signedHeaders[name] = value;
    }
    headers.set(
      "authorization",
      await sign(await key, accessKey, { method, url: target, signedHeaders, body, sdkDate }),
    );
  };
}
