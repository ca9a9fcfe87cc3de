/**
 * The opt-in: an instance tagged `powercron:schedule` = `<name>` follows the config's named schedule of that name
 * (`schedules:`), so that an owner puts a machine on a schedule by tagging it, without editing the central config. A
 * value that names no schedule is reported, never guessed: the instance follows nothing through it.
 */

export const SCHEDULE_TAG = "powercron:schedule";

/** The tags a named schedule selects its instances by. */
export function scheduleSelection(name: string): Readonly<Record<string, string>> {
  return { [SCHEDULE_TAG]: name };
}

/**
 * The note of an instance whose schedule tag names none of the config's schedules, or undefined (no tag, or a known
 * name): `powercron:schedule "ofice-hours" names no schedule (schedules: office-hours); it follows no schedule`.
 */
export function unknownScheduleNote(value: string | undefined, known: readonly string[]): string | undefined {
  if (value === undefined || known.includes(value)) return undefined;
  const names = known.length > 0 ? `schedules: ${known.join(", ")}` : "the config has no schedules";
  return `${SCHEDULE_TAG} "${value}" names no schedule (${names}); it follows no schedule`;
}
