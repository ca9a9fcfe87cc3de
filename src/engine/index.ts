/** The engine: a validated request in, a report out; every cloud call through a ComputeProvider. */

export { type CallSpec, callWithRetry, DEFAULT_RETRY_POLICY } from "./call-with-retry.ts";
export { type Clock, type Random, systemClock } from "./clock.ts";
export { Deadline } from "./deadline.ts";
export { PacedRateLimiter } from "./rate-limiter.ts";
export { type EngineDeps, runPower, runPowerRows } from "./run-power.ts";
