/**
 * What a platform gives the runtime to fan a fire out: a way to invoke one worker synchronously and have its report
 * back. Types only; each platform's folder implements it over its own Invoke (Lambda, SCF).
 */
import { PowercronError } from "../errors.ts";
import type { Environment } from "../settings/index.ts";
import type { WorkerEvent } from "./worker-event.ts";

/** A worker's invocation failed: the platform said so, the worker threw, it was killed or it ran out of time. */
export class WorkerFailure extends PowercronError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "WorkerFailure";
  }
}

export interface Workers {
  /** The worker function, as the platform names it (in the report's notes). */
  readonly functionName: string;
  /** The longest a synchronous invocation may be waited for, ms (SCF: 300 s; Lambda: 900 s). */
  readonly syncLimitMs: number;
  /**
   * Invokes the worker with `event` and waits up to `timeoutMs` for what it returns (its report, as JSON). Rejects
   * with WorkerFailure when the invocation failed in any way.
   */
  invoke(event: WorkerEvent, timeoutMs: number): Promise<unknown>;
}

/** A platform's workers in this environment, or undefined when no worker function is known. */
export type WorkersOf = (env: Environment) => Workers | undefined;
