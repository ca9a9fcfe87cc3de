import type { PowerAction } from "../domain/index.ts";
import { MissingCredentialsError, PowercronError } from "../errors.ts";
import type { PowerReport } from "../report/index.ts";
import {
  missingCredentialsLine,
  redact,
  reportLogLines,
  returnedReport,
  runFailureOf,
  secretValues,
} from "../report/index.ts";
import { processEnvironment } from "../settings/index.ts";
import { type InvokeDeps, invokePowerRun } from "./invoke-power.ts";
import { logDetail } from "./log-detail.ts";
import { notifyRun } from "./notify-run.ts";
import type { PlatformEvents } from "./platform-events.ts";
import { runWorker } from "./run-worker.ts";
import type { ContextReader, InvocationContext } from "./time-budget.ts";
import { readWorkerEvent } from "./worker-event.ts";
import type { WorkersOf } from "./workers.ts";

export type PowerHandler = (event: unknown, context?: InvocationContext) => Promise<PowerReport>;

/** What a platform's handler entry passes in: the reader of its own context, and its events (forms and ticks). */
export interface HandlerPlatform {
  readonly readContext: ContextReader;
  readonly events: PlatformEvents;
  /** Its workers (Invoke of the worker function), for the fan-out of a fire over many partitions. */
  readonly workers?: WorkersOf;
}

/**
 * The async handler every platform calls (through its entry, which passes its HandlerPlatform: the reader of its own
 * context and its events; without one the context is read as it is, and the events are our own forms and the
 * `platforms` of `deps`): run, log one summary line and then
 * the per-instance rows in detail lines of at most 32 KB (POWER_LOG_DETAIL), return the report (past 1,000 instances
 * only the rows that matter), and throw when an instance failed, was not found or was refused (after every other
 * instance was processed) so that the platform marks the run failed.
 */
export function powerHandler(
  action: PowerAction,
  deps: () => InvokeDeps = () => ({ env: processEnvironment() }),
  platform?: HandlerPlatform,
): PowerHandler {
  return async function handlePower(event, platformContext) {
    const context = platform ? platform.readContext(platformContext) : platformContext;
    const given = deps();
    const withEvents =
      platform === undefined || given.platforms !== undefined ? given : { ...given, platforms: [platform.events] };
    const workers = withEvents.workers ?? platform?.workers?.(withEvents.env);
    const invokeDeps = workers === undefined ? withEvents : { ...withEvents, workers };
    const secrets = secretValues(invokeDeps.env);
    try {
      // Read before the run: a bad value is an input error, before any cloud call.
      const detail = logDetail(invokeDeps.env);
      const worker = readWorkerEvent(event);
      if (worker !== undefined) {
        // A worker: no alert (the orchestrator sends the fire's one), and its report comes back even when
        // instances failed (the orchestrator decides the fire's outcome).
        const run = await runWorker(action, worker, context, invokeDeps);
        for (const line of reportLogLines(run, detail)) console.log(line);
        return returnedReport(run);
      }
      // The rows stay in the run's compact ledgers and are built (and masked field by field) one at a time as each
      // line is written: serialised as they are, the lines stay valid JSON.
      const run = await notifyRun(action, event, context, invokeDeps, invokePowerRun);
      for (const line of reportLogLines(run, detail)) console.log(line);
      const failure = runFailureOf(run);
      if (failure) throw failure;
      return returnedReport(run);
    } catch (error) {
      if (error instanceof Error) error.message = redact(error.message, secrets);
      if (error instanceof MissingCredentialsError) console.log(missingCredentialsLine(action, error, error.message));
      if (!(error instanceof PowercronError)) console.error(redact(String(error), secrets));
      throw error;
    }
  };
}
