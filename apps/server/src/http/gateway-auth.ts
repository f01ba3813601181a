// Authentication as Huawei's API gateway does it in front of ModelArts: an X-Auth-Token must be one
// of the configured tokens; an AK/SK request's signature (SDK-HMAC-SHA256 or SDK-HMAC-SM3) is
// recomputed from the request as received (with the client's own signing code,
// @notebook-image/client/signing) and compared in constant time. A temporary access key (STS) must
// come with its security token, signed, before it expires; a permanent one with none. Then the
// project in the path must be one of the credential's projects (403 ModelArts.0210).
import { randomBytes } from "node:crypto";
import { receivedHeader, verifySignature } from "@notebook-image/client/signing";
import type { Clock } from "../domain/clock.js";
import type { Refusal } from "../domain/domain-error.js";
import * as refusal from "../generated/refusals.js";
import { AccessKeyRegistry } from "./access-key-registry.js";
import { sameDigest, sameSecret, secretDigest } from "./secrets.js";

export interface TokenCredential {
  token: string;
  /** Projects the token may act on. */
  projects: string[];
}

export interface AccessKeyCredential {
  accessKey: string;
  secretKey: string;
  projects: string[];
  /**
   * Temporary credentials (from STS, ECS metadata, federation): the security token every request
   * must carry in a signed X-Security-Token, and when the credentials expire (ms since the epoch).
   * Both or neither.
   */
  temporary?: { securityToken: string; expiresAt: number } | undefined;
}

export interface GatewayCredentials {
  tokens: TokenCredential[];
  accessKeys: AccessKeyCredential[];
}

export interface ReceivedCall {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes exactly as received. */
  body: Buffer | undefined;
}

export type AuthResult =
  | { ok: true; credential: string; projects: readonly string[] }
  | ({ ok: false } & Refusal);

/** The gateway locks an access key for 5 minutes after 5 bad signatures in a row (when asked: lockOut). */
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

/**
 * The gateway's answer to an unknown access key and to a wrong signature alike (lifecycle-facts.md):
 * different words would tell a caller which access keys exist.
 */
const SIGNATURE_FAIL = "verify aksk signature fail";

const refused = (reason: string): AuthResult => ({ ok: false, ...refusal.authenticationFailed({ reason }) });

/** The token, or the temporary access key, has expired (APIGW.0307). */
const expired = (reason: string): AuthResult => ({ ok: false, ...refusal.credentialsExpired({ reason }) });

/**
 * Why the gateway refuses a correctly signed request for its security token, or undefined: a
 * temporary access key needs its own token, signed, before the credentials expire (then the
 * gateway asks for new ones, APIGW.0307); a permanent one takes no token.
 */
function securityTokenRefusal(
  key: AccessKeyCredential,
  call: ReceivedCall,
  signedHeaders: readonly string[],
  now: number,
): AuthResult | undefined {
  const token = receivedHeader(call.headers, "x-security-token");
  const sent = token !== undefined && token !== "";
  if (!key.temporary) {
    return sent
      ? refused(`X-Security-Token was sent with ${key.accessKey}, which is not a temporary access key`)
      : undefined;
  }
  if (!sent)
    return refused(`temporary access key ${key.accessKey} needs its security token (X-Security-Token)`);
  if (!signedHeaders.includes("x-security-token")) return refused("X-Security-Token must be signed");
  if (!sameSecret(token, key.temporary.securityToken))
    return refused(`the security token is not the one of temporary access key ${key.accessKey}`);
  if (now >= key.temporary.expiresAt) {
    return expired(
      `temporary access key ${key.accessKey} expired at ${new Date(key.temporary.expiresAt).toISOString()}`,
    );
  }
  return undefined;
}

export interface GatewayAuthOptions {
  /**
   * Lock an access key for 5 minutes after 5 bad signatures in a row, as the gateway does. Off
   * unless asked: the access key travels in the clear, so anyone who sees it could keep its owner
   * locked out of a development server for good.
   */
  lockOut?: boolean | undefined;
}

export function createGatewayAuth(
  credentials: GatewayCredentials,
  clock: Clock,
  options: GatewayAuthOptions = {},
) {
  // Each token is compared with every candidate (no early exit), as digests in constant time.
  const tokens = credentials.tokens.map((t) => ({ digest: secretDigest(t.token), projects: t.projects }));
  const secrets = new AccessKeyRegistry(credentials.accessKeys);
  const failures = new Map<string, { count: number; lockedUntil: number }>();

  // Tokens issued by POST /v3/auth/tokens, by the hex SHA-256 of the token: a lookup by digest
  // tells nothing about the token itself.
  const issued = new Map<string, { projects: string[]; expiresAt: number }>();

  function byToken(token: string): AuthResult {
    const received = secretDigest(token);
    let match: (typeof tokens)[number] | undefined;
    // Every configured token is compared, so the time taken says nothing about which one matched.
    for (const candidate of tokens) if (sameDigest(candidate.digest, received)) match ??= candidate;
    if (match) return { ok: true, credential: "token", projects: match.projects };
    const issuedToken = issued.get(received.toString("hex"));
    if (!issuedToken) return refused("the X-Auth-Token is not a valid token");
    if (clock.now() >= issuedToken.expiresAt)
      return expired(`it expired at ${new Date(issuedToken.expiresAt).toISOString()}`);
    return { ok: true, credential: "token", projects: issuedToken.projects };
  }

  async function bySignature(call: ReceivedCall): Promise<AuthResult> {
    const now = clock.now();
    const result = await verifySignature(
      { method: call.method, url: call.url, headers: call.headers, body: call.body },
      { now, secretKeyFor: (accessKey) => secrets.get(accessKey)?.secretKey },
    );
    const accessKey = result.accessKey;
    const state = accessKey ? failures.get(accessKey) : undefined;
    if (accessKey && state && state.lockedUntil > now) {
      return refused(
        `access key ${accessKey} is locked for 5 minutes after ${LOCK_AFTER_FAILURES} bad signatures`,
      );
    }
    if (result.ok) {
      failures.delete(result.accessKey);
      const key = secrets.get(result.accessKey) as AccessKeyCredential;
      const refusal = securityTokenRefusal(key, call, result.signedHeaders, now);
      if (refusal) return refusal;
      return { ok: true, credential: `ak:${result.accessKey}`, projects: key.projects };
    }
    if (options.lockOut && accessKey && secrets.has(accessKey) && result.reason === "signature-mismatch") {
      const count = (state?.count ?? 0) + 1;
      failures.set(
        accessKey,
        count >= LOCK_AFTER_FAILURES ? { count: 0, lockedUntil: now + LOCK_MS } : { count, lockedUntil: 0 },
      );
    }
    // The other reasons (a malformed header, X-Sdk-Date) are checked before the key is looked up,
    // so naming them tells nothing about the key.
    const unknownOrWrong = result.reason === "unknown-access-key" || result.reason === "signature-mismatch";
    return refused(unknownOrWrong ? SIGNATURE_FAIL : `${SIGNATURE_FAIL}: ${result.message}`);
  }

  return {
    async authenticate(call: ReceivedCall): Promise<AuthResult> {
      const token = receivedHeader(call.headers, "x-auth-token");
      if (token !== undefined && token !== "") return byToken(token);
      const authorization = receivedHeader(call.headers, "authorization");
      if (authorization !== undefined && authorization !== "") return bySignature(call);
      return refused("no X-Auth-Token header and no AK/SK Authorization header");
    },
    /** A new IAM token for these projects, accepted in X-Auth-Token until `expiresAt` (ms since the epoch). */
    issueToken(projects: readonly string[], ttlMs: number): { token: string; expiresAt: number } {
      // IAM's tokens start "MII" (a base64 PKI envelope); this one is random bytes after it.
      const token = `MII${randomBytes(96).toString("base64url")}`;
      const now = clock.now();
      // Expired tokens are forgotten as new ones come: the map holds at most a day's worth.
      for (const [key, entry] of issued) if (entry.expiresAt <= now) issued.delete(key);
      const expiresAt = now + ttlMs;
      issued.set(secretDigest(token).toString("hex"), { projects: [...projects], expiresAt });
      return { token, expiresAt };
    },
    /**
     * Accepts `key` from now on (the control API adds temporary credentials this way); false, and
     * nothing changed, when its access key is taken already.
     */
    addAccessKey: (key: AccessKeyCredential): boolean => secrets.add(key),
    /** Forgets every access key addAccessKey added (and their lock-outs): the configured ones stay. */
    forgetAddedAccessKeys(): void {
      for (const accessKey of secrets.forgetAdded()) failures.delete(accessKey);
    },
    /** 403 ModelArts.0210 unless the credential may act on this project. */
    authorizeProject(
      result: { projects: readonly string[] },
      projectId: string,
      headerProjectId?: string,
    ): Refusal | undefined {
      const allowed =
        result.projects.includes(projectId) &&
        (headerProjectId === undefined || headerProjectId === projectId);
      return allowed ? undefined : refusal.projectMismatch({ projectId });
    },
  };
}
