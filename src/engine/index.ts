/** The engine: a validated request in, a report out; every cloud call through a ComputeProvider. */
export { type Clock, type Random, systemClock } from "./clock.ts";
export { type EngineDeps, runPower, runPowerRows } from "./run-power.ts";
