// A refusal the API reports with a ModelArts error body. The domain decides the code and the words;
// the HTTP layer only writes them out.
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    /** e.g. "ModelArts.6309". */
    readonly code: string,
    message: string,
    /** The status the real service answers with (it reports most refusals, even "not found", as 400). */
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}
