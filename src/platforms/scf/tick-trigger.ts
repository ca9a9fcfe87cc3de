/** A tick timer: a trigger that names no group and fires at every minute one of its groups can be due. Type only. */
export interface ScfTimerTrigger {
  /** ≤ 60 characters: a letter, then letters, digits, `-` and `_`. */
  name: string;
  /** The groups whose starts or stops this tick can find due. */
  groups: string[];
  action: "start" | "stop";
  /** 7-field cron (`second minute hour day month day-of-week year`) in the trigger zone. */
  cron: string;
  /** JSON text, the timer's Message: the tick marker `{"powercron":"tick","tick":"<name>"}`. */
  customArgument: string;
}
