/** A control request that cannot be done; its status and message go back as they are. */
export class ControlError extends Error {
  override readonly name = "ControlError";
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}
