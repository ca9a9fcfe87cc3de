/**
 * The alerts this function instance has sent, so that the same run never sends the same alert twice (a platform's
 * retry of a failed invocation, a duplicate delivery): keyed by run, kind and channel, the oldest forgotten first.
 */
const REMEMBERED = 1000;

export class SentAlerts {
  private readonly keys = new Set<string>();

  /** True the first time (the alert may go); false when it was sent or is being sent. */
  claim(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > REMEMBERED) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return true;
  }

  /** A send that failed frees its key: the platform's retry of the run may try again. */
  release(key: string): void {
    this.keys.delete(key);
  }
}

/** The run an alert belongs to: its group(s), action and fire time, else the platform's request ID; undefined when
 * neither tells the run apart (a console test without a request ID: never deduplicated). */
export function runKey(facts: {
  groups: readonly string[];
  action: string;
  firedAt?: string;
  requestId?: string;
}): string | undefined {
  const when = facts.firedAt ?? facts.requestId;
  if (when === undefined) return undefined;
  return `${facts.groups.join(",") || "-"}|${facts.action}|${when}`;
}
