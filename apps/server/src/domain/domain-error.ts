// A refusal the API reports with a ModelArts error body. The domain decides which refusal; its code,
// status and words are the spec's (x-error-codes, generated into src/generated/refusals.ts); the
// HTTP layer only writes them out.
import type { ErrorCode } from "../generated/refusals.js";

/** A code of the spec, the status it comes with and the message filled in for this request. */
export interface Refusal {
  readonly code: ErrorCode;
  /** The status the real service answers with (it reports most refusals, even "not found", as 400). */
  readonly httpStatus: number;
  readonly message: string;
}

export class DomainError extends Error implements Refusal {
  override readonly name = "DomainError";
  readonly code: ErrorCode;
  readonly httpStatus: number;
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.code = refusal.code;
    this.httpStatus = refusal.httpStatus;
  }
}
