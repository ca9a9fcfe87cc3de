import type { FaultKind } from "./faults.ts";
import type { CloudProvider } from "./instance-store.ts";

/** One API call as the local cloud saw it. Never holds a secret: no Authorization header, no key. */
export interface CallRecord {
  seq: number;
  /** Arrival time, ISO 8601. */
  at: string;
  provider: CloudProvider;
  service: string;
  region: string;
  action: string;
  instanceIds: string[];
  params: Record<string, unknown>;
  /**
   * "ok", the error code answered, "hung" (applied, answer held then the socket destroyed), "lost" (applied, socket
   * destroyed at once) or "http-5xx" (bare 502).
   */
  result: string;
  /** The injected fault, when one was (an `opFailed` call answers "ok"). */
  fault?: FaultKind;
  requestId: string;
  dryRun?: boolean;
  /** Another account the call acted in (an assumed role's); absent for the caller's own. */
  account?: string;
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  append(record: Omit<CallRecord, "seq">): CallRecord {
    this.seq++;
    const entry: CallRecord = { seq: this.seq, ...record };
    this.records.push(entry);
    return entry;
  }

  list(): CallRecord[] {
    return this.records.map((record) => structuredClone(record));
  }

  /** The records from the `from`-th on, uncopied (read only): for a watcher that reads the log as it grows. */
  tail(from: number): readonly Readonly<CallRecord>[] {
    return this.records.slice(from);
  }

  get size(): number {
    return this.records.length;
  }

  reset(): void {
    this.records = [];
  }
}
