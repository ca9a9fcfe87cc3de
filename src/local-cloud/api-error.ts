/**
 * An error answer of an emulated cloud API: the provider's own error code and message. Handlers throw it; the
 * provider's front end turns it into that provider's error envelope.
 */
export class EmulatedApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status for EC2 answers (Tencent always answers errors with HTTP 200). */
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = "EmulatedApiError";
  }
}
