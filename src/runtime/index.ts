/**
 * The functions' code path: the handler both platforms call and the run behind it (also `powercron run`). The
 * schedule modules load lazily, on the first group event only: nothing here imports them statically.
 */

export { withConfigDigest } from "./config-digest-check.ts";
export { type DescribedRegion, describeGroupRegion, describeTagKeyRegion } from "./describe-group.ts";
export type { InvokeDeps } from "./invoke-deps.ts";
export { invokePower } from "./invoke-power.ts";
export { type DiscoveryOutcome, OrganizationDiscovery } from "./organization-discovery.ts";
export type { PlatformEvents, PlatformTicks, TickCheck, TickDue, TickFire, TickSchedule } from "./platform-events.ts";
export { type HandlerPlatform, type PowerHandler, powerHandler } from "./power-handler.ts";
export type { ContextReader, InvocationContext } from "./time-budget.ts";
export type { WorkerEvent } from "./worker-event.ts";
export { workerFunction } from "./worker-settings.ts";
export { WorkerFailure, type Workers, type WorkersOf } from "./workers.ts";
