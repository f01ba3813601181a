// The client's own checks of its options, before any client is made.
// INTERIM: builds a client and catches its error until the client's validateClientOptions is on main.
import {
  createNotebookImageClient,
  RequestValidationError,
  type ValidationIssue,
} from "@notebook-image/client";
import type { ClientOptions } from "./session.js";

export function checkClientOptions(options: ClientOptions): readonly ValidationIssue[] {
  try {
    createNotebookImageClient({ ...options, fetch: () => Promise.reject(new Error("not sent")) });
    return [];
  } catch (error) {
    if (error instanceof RequestValidationError) return error.issues;
    throw error;
  }
}
