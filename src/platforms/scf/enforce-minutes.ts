/**
 * The enforce tick's name and when an enforcing group is due at it: no schedule module imported, so that the tick
 * front (quiet-tick.ts) and the full path (enforce-tick.ts) share them.
 */

/** The SCF enforce tick's name in the config (the deployed trigger's name adds the stage and a hash). */
export const ENFORCE_TICK_NAME = "powercron-enforce";
const DAY_MINUTES = 1440;

/** Whether a group enforced every `every` minutes is due at this minute of the day (trigger zone), within the tolerance. */
export function enforceDueAt(every: number, minuteOfDay: number, toleranceMs: number): boolean {
  const tolerance = Math.ceil(toleranceMs / 60_000);
  const offset = (minuteOfDay % DAY_MINUTES) % every;
  return Math.min(offset, every - offset) <= tolerance || every <= tolerance;
}
