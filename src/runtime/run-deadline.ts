/**
 * The invocation's end, read once from the platform's context: when the first request is about to run (or when an
 * SCF tick has found its due groups), from what the platform leaves and POWER_TIME_BUDGET_SECONDS (time-budget.ts).
 * Each request run after it gets what is left, so the groups of a tick share the one invocation's time.
 */
import type { Clock } from "../engine/index.ts";
import type { Environment } from "../settings/index.ts";
import { type InvocationContext, timeBudgetMs } from "./time-budget.ts";

/** The shortest budget a run gets, however little is left (as timeBudgetMs gives it). */
const MIN_RUN_BUDGET_MS = 1_000;

export class RunDeadline {
  private endsAt: number | undefined;

  constructor(
    private readonly context: InvocationContext | undefined,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /** Fixes the end now, unless it is fixed already. Throws InvalidInputError for a bad POWER_TIME_BUDGET_SECONDS. */
  start(): void {
    this.endsAt ??= this.clock.now() + timeBudgetMs(this.context, this.env);
  }

  /** The budget of a run starting now. */
  remainingMs(): number {
    this.start();
    return Math.max(MIN_RUN_BUDGET_MS, (this.endsAt ?? 0) - this.clock.now());
  }
}
