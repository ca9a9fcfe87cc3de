/** The emulated SCF account: functions by (region, namespace, name), each with its triggers. */

export type FunctionStatus = "Creating" | "Active" | "Updating";

export interface EmulatedTrigger {
  TriggerName: string;
  Type: string;
  /** As SCF reads a timer back: `{"cron":"0 0 9 * * 1-5 *"}`. */
  TriggerDesc: string;
  /** 1 open, 0 closed: a number on the way out, "OPEN"/"CLOSE" on the way in. */
  Enable: number;
  CustomArgument: string;
  Qualifier: string;
  Description: string;
  AddTime: string;
  ModTime: string;
}

export interface EmulatedFunction {
  FunctionName: string;
  Namespace: string;
  Runtime: string;
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Role: string;
  Description: string;
  Environment: { Key: string; Value: string }[];
  CodeSha256: string;
  CodeSize: number;
  AddTime: string;
  ModTime: string;
  /** The status a mutation leaves until `settlesAt`, then Active. */
  pending?: { status: FunctionStatus; settlesAt: number };
  triggers: EmulatedTrigger[];
}

export interface ScfStateView {
  region: string;
  namespace: string;
  function: Omit<EmulatedFunction, "pending" | "triggers"> & { Status: FunctionStatus; triggers: EmulatedTrigger[] };
}

/** SCF's time stamps: `2026-11-22 22:40:00`. */
export function scfTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export class ScfState {
  private readonly functions = new Map<string, EmulatedFunction>();

  constructor(
    /** How long Creating / Updating last before a function is Active. */
    readonly settleMs: number,
    readonly now: () => number = Date.now,
  ) {}

  private key(region: string, namespace: string, name: string): string {
    return `${region}/${namespace}/${name}`;
  }

  get(region: string, namespace: string, name: string): EmulatedFunction | undefined {
    return this.functions.get(this.key(region, namespace, name));
  }

  add(region: string, fn: EmulatedFunction): void {
    this.functions.set(this.key(region, fn.Namespace, fn.FunctionName), fn);
  }

  /** Deletes the function and, with it, its triggers. */
  remove(region: string, fn: EmulatedFunction): void {
    this.functions.delete(this.key(region, fn.Namespace, fn.FunctionName));
  }

  status(fn: EmulatedFunction): FunctionStatus {
    if (fn.pending && this.now() < fn.pending.settlesAt) return fn.pending.status;
    fn.pending = undefined;
    return "Active";
  }

  /** Marks a function busy (Creating or Updating) for settleMs. */
  busy(fn: EmulatedFunction, status: FunctionStatus): void {
    fn.ModTime = scfTime(this.now());
    if (this.settleMs > 0) fn.pending = { status, settlesAt: this.now() + this.settleMs };
  }

  /** Every function with its settled status, for tests and the control endpoint. */
  list(): ScfStateView[] {
    return [...this.functions.entries()].map(([key, fn]) => {
      const [region = "", namespace = ""] = key.split("/");
      const { pending: _pending, triggers, ...rest } = fn;
      return {
        region,
        namespace,
        function: { ...structuredClone(rest), Status: this.status(fn), triggers: structuredClone(triggers) },
      };
    });
  }
}
