import type { TickFire } from "./platform-events.ts";

/** Why a tick at which no group is due does nothing (with the notes on the groups whose time it was). */
export function noGroupDueReason(tick: TickFire, notes: readonly string[]): string {
  const why = notes.length > 0 ? `: ${notes.join("; ")}` : "";
  return `tick "${tick.triggerName}" at ${tick.time}: no group due${why}`;
}
