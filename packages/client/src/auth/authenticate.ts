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

export function createAuthenticator(auth: Auth, projectId: string): Authenticate {
  if ("token" in auth) {
    const { token } = auth;
    return (_method, _url, headers) => headers.set("X-Auth-Token", token);
  }
  const { accessKey, secretKey, securityToken } = auth;
  // Importing the HMAC key is the costly part of signing: do it once per client, lazily.
  let key: Promise<CryptoKey> | undefined;
  return async (method, url, headers, body) => {
    key ??= importSigningKey(secretKey);
    const sdkDate = formatSdkDate(new Date());
    headers.set("X-Sdk-Date", sdkDate);
    headers.set("X-Project-Id", projectId);
    const signed: Record<string, string> = {
      host: url.host,
      "x-sdk-date": sdkDate,
      "x-project-id": projectId,
    };
    const contentType = headers.get("content-type");
    if (contentType !== null) signed["content-type"] = contentType;
    if (securityToken !== undefined) {
      headers.set("X-Security-Token", securityToken);
      signed["x-security-token"] = securityToken;
    }
    headers.set(
      "Authorization",
      await sign(await key, accessKey, { method, url, signedHeaders: signed, body, sdkDate }),
    );
  };
}
