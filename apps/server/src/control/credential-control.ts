// The control API's temporary credentials: accepted by the gateway from now on, as those of
// --temporary-credentials are. They live in the process (the gateway's memory), never in the store.
import type { components } from "@notebook-image/spec/control-types";
import type { TemporaryCredentials } from "../server-credentials.js";
import { ControlError } from "./control-error.js";

type Schemas = components["schemas"];

/** What the control API may do to the gateway's credentials. */
export interface CredentialsPort {
  /** Accepts the credentials from now on; false, and nothing changed, when the access key is taken. */
  addTemporary(credentials: TemporaryCredentials): boolean;
  /** Forgets every credential added since the start: those the server started with stay. */
  forgetAdded(): void;
}

export function addTemporaryCredential(
  credentials: CredentialsPort,
  input: Schemas["TemporaryCredential"],
): Schemas["TemporaryCredentialAdded"] {
  // The document's date-time format was checked: the date parses.
  const expiresAt = new Date(input.expires_at);
  const added = credentials.addTemporary({
    accessKey: input.access,
    secretKey: input.secret,
    securityToken: input.securitytoken,
    expiresAt,
  });
  if (!added) throw new ControlError(409, `The access key ${input.access} is accepted already.`);
  return { access: input.access, expires_at: expiresAt.toISOString() };
}
