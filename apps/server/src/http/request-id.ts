// Every response carries X-Request-Id (Huawei's SDKs read the request id from it); the id is the
// server's own, 32 hex digits like the gateway's, never taken from the caller.
import { randomUUID } from "node:crypto";

export const newRequestId = (): string => randomUUID().replaceAll("-", "");

export const REQUEST_ID_HEADER = "X-Request-Id";
