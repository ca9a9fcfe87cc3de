/**
 * The progress line of a long `powercron status` on a terminal (see progress-line.ts): the describe pages read, the
 * instances seen and the group it is at, e.g. `status: 40 describe pages read, 4,000 instances seen, group 2 of 5, 3 s`.
 */
import { counted } from "./progress-line.ts";
import type { ProgressCounts } from "./run-progress.ts";

export interface StatusPosition {
  /** The group being described, from 1. */
  group: number;
  readonly groups: number;
}

export function statusProgressText(position: Readonly<StatusPosition>) {
  return ({ pages, described }: Readonly<ProgressCounts>, seconds: number): string =>
    `status: ${counted(pages, "describe page")} read, ${counted(described, "instance")} seen, ` +
    `group ${position.group} of ${position.groups}, ${seconds} s`;
}
