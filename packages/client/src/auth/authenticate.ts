// Turns the `auth` option into a function that adds credentials to each outgoing attempt.
import { formatSdkDate, importSigningKey, sign } from "./sdk-hmac-sha256.js";

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

/** Adds credentials to the headers of one attempt; `body` is the exact bytes that will be sent. */
export type Authenticate = (
  method: string,
  url: URL,
  headers: Headers,
  body: Uint8Array | undefined,
) => unknown;

/** Headers signed when the request has them (`host` is always signed, from the URL). */
const SIGNED_HEADERS = ["content-type", "x-project-id", "x-sdk-date", "x-security-token"];

export function createAuthenticator(auth: Auth, projectId: string): Authenticate {
  if ("token" in auth) {
    const { token } = auth;
    return (_method, _url, headers) => headers.set("x-auth-token", token);
  }
  const { accessKey, secretKey, securityToken } = auth;
  // Importing the HMAC key is the costly part of signing: do it once per client, lazily.
  let key: Promise<CryptoKey> | undefined;
  return async (method, url, headers, body) => {
    key ??= importSigningKey(secretKey);
    const sdkDate = formatSdkDate(new Date());
    // Huawei's SDKs send the project id with AK/SK, and the security token of temporary credentials.
    headers.set("x-sdk-date", sdkDate);
    headers.set("x-project-id", projectId);
    if (securityToken !== undefined) headers.set("x-security-token", securityToken);
    const signedHeaders: Record<string, string> = { host: url.host };
    for (const name of SIGNED_HEADERS) {
      const value = headers.get(name);
      if (value !== null) signedHeaders[name] = value;
    }
    headers.set(
      "authorization",
      await sign(await key, accessKey, { method, url, signedHeaders, body, sdkDate }),
    );
  };
}
