// Who the server lets in: the credentials of its options, or (given none) the README's development
// ones, which a server reachable from the network refuses unless asked; and the same credentials
// as the gateway checks them.
import { createHash } from "node:crypto";
import type { GatewayCredentials } from "./http/gateway-auth.js";

/** The development credentials a server without credential flags accepts (documented in the README). */
export const DEV_CREDENTIALS = {
  token: "notebook-image-dev-token",
  accessKey: "NOTEBOOKIMAGEDEVAK01",
  secretKey: "notebook-image-dev-secret-key",
  /** The IAM user whose password gets a token from POST /v3/auth/tokens. */
  iamUser: "notebook-image-user",
  iamPassword: "notebook-image-dev-password",
} as const;

export interface AccessKeyPair {
  accessKey: string;
  secretKey: string;
}

/** Temporary credentials, as STS or ECS metadata give them: every request carries the security token. */
export interface TemporaryCredentials extends AccessKeyPair {
  securityToken: string;
  /** When they expire: requests after it are refused with APIGW.0307. */
  expiresAt: Date;
}

export interface CredentialOptions {
  tokens?: readonly string[] | undefined;
  accessKeys?: readonly AccessKeyPair[] | undefined;
  temporaryCredentials?: readonly TemporaryCredentials[] | undefined;
  iamUsers?: readonly { name: string; password: string }[] | undefined;
  allowDevCredentials?: boolean | undefined;
}

export interface AcceptedCredentials {
  tokens: string[];
  accessKeys: AccessKeyPair[];
  temporaryCredentials: TemporaryCredentials[];
  /** IAM users with the id IAM's token body names them by. */
  iamUsers: { name: string; password: string; id: string }[];
}

/**
 * The credentials a server bound to `host` accepts. The development ones come only when no token,
 * access key or temporary credential was given, and off loopback only when allowed explicitly.
 */
export function acceptedCredentials(
  options: CredentialOptions,
  host: string,
  loopback: boolean,
): AcceptedCredentials {
  const temporaryCredentials = [...(options.temporaryCredentials ?? [])];
  const noCredentials =
    !options.tokens?.length && !options.accessKeys?.length && temporaryCredentials.length === 0;
  if (noCredentials && !loopback && options.allowDevCredentials !== true) {
    throw new Error(
      `Bound to ${host}, not loopback, this server would accept the README's development token, access key and IAM user from the network. ` +
        "Give credentials of your own (--token, or --access-key with --secret-key), or --allow-dev-credentials to accept the development ones anyway.",
    );
  }
  const iamUsers =
    noCredentials && !options.iamUsers?.length
      ? [{ name: DEV_CREDENTIALS.iamUser, password: DEV_CREDENTIALS.iamPassword }]
      : [...(options.iamUsers ?? [])];
  return {
    tokens: noCredentials ? [DEV_CREDENTIALS.token] : [...(options.tokens ?? [])],
    accessKeys: noCredentials
      ? [{ accessKey: DEV_CREDENTIALS.accessKey, secretKey: DEV_CREDENTIALS.secretKey }]
      : [...(options.accessKeys ?? [])],
    temporaryCredentials,
    iamUsers: iamUsers.map((user) => ({
      ...user,
      id: createHash("sha256").update(user.name).digest("hex").slice(0, 32),
    })),
  };
}

/** Every credential as the gateway checks it, each allowed on all of `projectIds`. */
export function gatewayCredentials(
  credentials: AcceptedCredentials,
  projectIds: readonly string[],
): GatewayCredentials {
  const projects = [...projectIds];
  return {
    tokens: credentials.tokens.map((token) => ({ token, projects })),
    accessKeys: [
      ...credentials.accessKeys.map((key) => ({ ...key, projects })),
      ...credentials.temporaryCredentials.map(temporaryKey(projects)),
    ],
  };
}

/** A temporary credential as the gateway checks it: its security token, and its expiry in ms. */
export const temporaryKey =
  (projects: string[]) =>
  ({ accessKey, secretKey, securityToken, expiresAt }: TemporaryCredentials) => ({
    accessKey,
    secretKey,
    projects,
    temporary: { securityToken, expiresAt: expiresAt.getTime() },
  });
