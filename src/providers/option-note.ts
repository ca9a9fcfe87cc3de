/**
 * The note of an option an instance cannot take (EC2 without hibernation, CVM refusing STOP_CHARGING): why, then what
 * the run does instead, in the run's tense: what was done, or on a dry run what would be done.
 */
import type { PowerOptions } from "../domain/index.ts";

export interface OptionOutcome {
  /** `stopped without hibernating`. */
  readonly done: string;
  /** `would stop without hibernating`. */
  readonly wouldDo: string;
}

export function optionNote(reason: string, outcome: OptionOutcome, options: PowerOptions): string {
  return `${reason}; ${options.dryRun ? outcome.wouldDo : outcome.done}`;
}
