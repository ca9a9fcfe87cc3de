/**
 * The one error hierarchy of powercron. Every message names the bad value or the failing call, never a secret.
 */
export class PowercronError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PowercronError";
  }
}

/** Input (event, environment, config, command line) that fails validation. Nothing was changed in any cloud. */
export class InvalidInputError extends PowercronError {
  constructor(
    message: string,
    readonly issues: readonly string[] = [message],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "InvalidInputError";
  }
}

/**
 * No credentials for a cloud: the run refuses before any request is sent (nothing is retried, no call is counted).
 * `variables` are the environment variables that would have given them, from the cloud's descriptor.
 */
export class MissingCredentialsError extends InvalidInputError {
  constructor(
    readonly provider: string,
    readonly variables: readonly string[],
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, [message], options);
    this.name = "MissingCredentialsError";
  }
}

/** A cloud API call failed. `code` is the provider's error code, or one of ours for transport failures. */
export class CloudApiError extends PowercronError {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { action: string; requestId?: string; httpStatus?: number } = { action: "unknown" },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "CloudApiError";
  }
}

/** The time budget left no room for another request: it was not sent, so nothing was changed by it. */
export class TimeBudgetExhaustedError extends CloudApiError {
  constructor(action: string) {
    super("TimeBudgetExhausted", `${action} not sent: the time budget ran out`, { action });
    this.name = "TimeBudgetExhaustedError";
  }
}

/** Some instances ended `failed`, `not-found` or `refused`: thrown after every other instance was processed. */
export class PowerRunFailedError extends PowercronError {
  constructor(
    message: string,
    readonly failures: readonly { instanceId: string; outcome: string; code?: string }[],
  ) {
    super(message);
    this.name = "PowerRunFailedError";
  }
}

/**
 * A cloud whose SDK this function bundle does not carry (its config names no group of it): thrown by the stub that
 * stands in for the cloud's connector (src/deploy/bundle-plugins.ts). The engine fails that target's instances with
 * it and runs the others; nothing was sent to that cloud.
 */
export class CloudNotInBundleError extends PowercronError {
  /** The report's error code of the target's instances. */
  static readonly code = "CloudNotInBundle";

  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(message);
    this.name = "CloudNotInBundleError";
  }
}

/**
 * A timer fired at a time that matches no scheduled time of its group (or no tick of its function) within the
 * tolerance: a trigger in the wrong time zone or a stale deploy. Fails the invocation so that an alarm fires; nothing
 * was changed in any cloud.
 */
export class ScheduleMisfireError extends PowercronError {
  constructor(
    message: string,
    readonly details: { trigger: string; firedAt: string; nearest?: string },
  ) {
    super(message);
    this.name = "ScheduleMisfireError";
  }
}

/** Transport-level codes that we assign ourselves (the SDKs give none). */
export const TRANSPORT_CODES = {
  network: "NetworkError",
  timeout: "RequestTimeout",
  server: "ServerError",
} as const;
