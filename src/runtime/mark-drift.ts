/**
 * An enforce fire's corrections: the group's instances should be in this function's target state now (the last
 * scheduled transition, past its grace period), so the function runs the group's request, and the engine acts only on
 * the instances that are not there (it describes every instance, decides each one, and calls only for the drifted
 * ones; the keep-running tag holds on stop as always). With nothing drifted, the run makes describe calls only. The
 * corrections carry `reason: "drift"` and the time they were due.
 */
import type { InstanceResult, Outcome, PowerRun } from "../report/index.ts";

/** The outcomes of an instance the run changed (or, in a dry run, would have): the corrections. */
const CORRECTIONS: ReadonlySet<Outcome> = new Set(["started", "stopped", "would-start", "would-stop"]);

/** The run's corrections marked as drift, due at the scheduled transition (row by row, as they are read). */
export function markDrift(run: PowerRun, dueAt: Date): PowerRun {
  const due = dueAt.toISOString();
  const mark = (result: InstanceResult): InstanceResult =>
    CORRECTIONS.has(result.outcome) ? { ...result, reason: "drift", dueAt: due } : result;
  return {
    head: run.head,
    rows: {
      count: run.rows.count,
      *rows() {
        for (const row of run.rows.rows()) yield mark(row);
      },
    },
  };
}
