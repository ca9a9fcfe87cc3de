/**
 * Runs the local cloud's functions: each invocation in its own child process (the built bundle, the function's own
 * environment), at most `concurrency` at once, killed at its timeout, or in the middle by the kill fault. Records
 * every invocation (duration, outcome, peak RSS) for the tests and the benchmark.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { CHILD_RUNNER } from "./child-runner.ts";
import {
  type FunctionHostOptions,
  functionHostSchema,
  type LocalFunctionInput,
  localFunctionSchema,
  type ResolvedFunctionHost,
} from "./function-options.ts";

/**
 * The heap a function of `memoryMb` gets: in the platform's container Node sizes V8's heap from the memory limit
 * (a small young generation, an old generation under the limit); a child here sees the whole machine, so it is told,
 * unless the function's environment carries the deploy's NODE_OPTIONS (src/platforms/deploy-check.ts).
 */
export function heapFlags(memoryMb: number): string[] {
  return [
    `--max-old-space-size=${Math.floor(memoryMb * 0.75)}`,
    `--max-semi-space-size=${Math.max(1, Math.floor(memoryMb / 128))}`,
  ];
}

export type InvocationOutcome = "ok" | "error" | "killed" | "timeout" | "out-of-memory";

export interface InvocationRecord {
  readonly seq: number;
  readonly functionName: string;
  readonly requestId: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: InvocationOutcome;
  /** Peak resident memory of the child, MB (absent when it was killed before it could tell). */
  readonly maxRssMb?: number;
}

export type InvocationResult =
  | { readonly ok: true; readonly result: unknown; readonly requestId: string; readonly maxRssMb: number }
  | {
      readonly ok: false;
      readonly errorType: string;
      readonly errorMessage: string;
      readonly requestId: string;
      readonly maxRssMb?: number;
    };

type ChildMessage =
  | { ok: true; result: unknown; maxRssKb: number }
  | { ok: false; errorType: string; errorMessage: string; maxRssKb: number };

export class FunctionHost {
  private readonly options: ResolvedFunctionHost;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private started = 0;
  private readonly records: InvocationRecord[] = [];
  private readonly children = new Set<ChildProcess>();

  constructor(
    options: FunctionHostOptions | undefined,
    /** How many calls of an action the local cloud has logged so far (the kill fault's trigger). */
    private readonly callCount: (action: string) => number,
  ) {
    this.options = functionHostSchema.parse(options ?? {});
  }

  /** Adds or replaces a function (its environment may name the local cloud's URL, known only once it listens). */
  register(name: string, fn: LocalFunctionInput): void {
    this.options.functions[name] = localFunctionSchema.parse(fn);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.options.functions, name);
  }

  invocations(): InvocationRecord[] {
    return [...this.records];
  }

  private async slot(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  /** Runs `name` with `event`; `context` is the platform's context object (the child adds getRemainingTimeInMillis). */
  async invoke(name: string, event: unknown, context: Record<string, unknown>): Promise<InvocationResult> {
    const fn = this.options.functions[name];
    if (fn === undefined) throw new Error(`FunctionHost: no function ${name}`);
    await this.slot();
    const seq = ++this.started;
    const requestId = randomUUID();
    const startedAt = Date.now();
    const child = spawn(
      process.execPath,
      [...(fn.env.NODE_OPTIONS ? [] : heapFlags(fn.memoryMb)), "--input-type=module", "-e", CHILD_RUNNER],
      {
        cwd: dirname(fn.entry),
        env: { ...fn.env, PATH: process.env.PATH ?? "" },
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      },
    );
    this.children.add(child);
    let stderr = "";
    child.stdout?.resume();
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    let ended: InvocationOutcome | undefined;
    const timeoutMs = fn.timeoutSeconds * 1000;
    const timer = setTimeout(() => {
      ended ??= "timeout";
      child.kill("SIGKILL");
    }, timeoutMs);
    const kill = this.options.kill;
    let watch: NodeJS.Timeout | undefined;
    if (kill?.invocations.includes(seq)) {
      const base = this.callCount(kill.afterAction);
      watch = setInterval(() => {
        if (this.callCount(kill.afterAction) - base >= kill.afterCount) {
          ended ??= "killed";
          child.kill("SIGKILL");
        }
      }, 2);
    }
    const message = await new Promise<ChildMessage | undefined>((resolve) => {
      let answer: ChildMessage | undefined;
      child.on("message", (received) => {
        answer = received as ChildMessage;
      });
      child.on("exit", () => resolve(answer));
      child.on("error", () => resolve(undefined));
      child.send({
        entry: fn.entry,
        handlerExport: fn.handlerExport,
        event,
        context: { awsRequestId: requestId, time_limit_in_ms: timeoutMs, ...context },
        timeoutMs,
      });
    });
    clearTimeout(timer);
    if (watch) clearInterval(watch);
    this.children.delete(child);
    this.release();
    const maxRssMb = message ? Math.round((message.maxRssKb / 1024) * 10) / 10 : undefined;
    const over = maxRssMb !== undefined && maxRssMb > fn.memoryMb;
    const outcome: InvocationOutcome =
      ended ?? (message === undefined ? "error" : over ? "out-of-memory" : message.ok ? "ok" : "error");
    this.records.push({
      seq,
      functionName: name,
      requestId,
      startedAt: new Date(startedAt).toISOString(),
      durationMs: Date.now() - startedAt,
      outcome,
      ...(maxRssMb !== undefined ? { maxRssMb } : {}),
    });
    const rss = maxRssMb !== undefined ? { maxRssMb } : {};
    if (outcome === "ok" && message?.ok)
      return { ok: true, result: message.result, requestId, maxRssMb: maxRssMb ?? 0 };
    if (outcome === "timeout") {
      return {
        ok: false,
        errorType: "Sandbox.Timedout",
        errorMessage: `Task timed out after ${fn.timeoutSeconds} seconds`,
        requestId,
      };
    }
    if (outcome === "killed") {
      return {
        ok: false,
        errorType: "Runtime.ExitError",
        errorMessage: "RequestId: " + requestId + " Error: Runtime exited with error: signal: killed",
        requestId,
      };
    }
    if (outcome === "out-of-memory") {
      return {
        ok: false,
        errorType: "Runtime.OutOfMemory",
        errorMessage: `Runtime exited: peak RSS ${maxRssMb} MB over ${fn.memoryMb} MB`,
        requestId,
        ...rss,
      };
    }
    if (message && !message.ok)
      return { ok: false, errorType: message.errorType, errorMessage: message.errorMessage, requestId, ...rss };
    return {
      ok: false,
      errorType: "Runtime.ExitError",
      errorMessage: `Runtime exited without an answer: ${stderr.trim().slice(-500)}`,
      requestId,
    };
  }

  /** Kills every running child (the local cloud is closing). */
  close(): void {
    for (const child of this.children) child.kill("SIGKILL");
    this.children.clear();
  }
}
