/**
 * `powercron deploy scf --remove`: deletes a stage's two functions and their timer triggers. The triggers go first,
 * so that no timer fires at a function half deleted; then the function (SCF deletes any other trigger with it). A
 * stage with nothing deployed is not an error: there is nothing to remove. A dry run reads the account and lists the
 * calls it would make.
 */
import { CloudApiError } from "../../../errors.ts";
import { FUNCTION_NAMES } from "../../function-names.ts";
import type { ScfApi, ScfMutation } from "./scf-api.ts";
import { scfFunctionName } from "./scf-plan.ts";

export interface ScfRemoveOptions {
  readonly stage: string;
  readonly api: ScfApi;
  readonly dryRun?: boolean;
  readonly log?: (line: string) => void;
  /** How often GetFunction is asked while a function is busy or being deleted. Default 1000. */
  readonly pollMs?: number;
  /** How long to wait for a function to settle or go. Default 180000. */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ScfRemoveResult {
  /** Every deleting call, made or (dry run) planned, in order. */
  readonly mutations: readonly ScfMutation[];
  /** The functions that were (or would be) deleted. */
  readonly removed: readonly string[];
  readonly dryRun: boolean;
}

/** A function SCF is still creating or updating refuses other calls until it settles. */
const BUSY = new Set(["Creating", "Updating", "Publishing"]);

export async function removeScf(options: ScfRemoveOptions): Promise<ScfRemoveResult> {
  const log = options.log ?? console.log;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const dryRun = options.dryRun ?? false;
  const { api } = options;
  const made: ScfMutation[] = [];
  const removed: string[] = [];

  /** Asks GetFunction until `done` holds for its answer (undefined: the function is gone). */
  async function waitUntil(name: string, what: string, done: (status: string | undefined) => boolean) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = (await api.getFunction(name))?.Status;
      if (done(status)) return;
      if (Date.now() > deadline) {
        throw new CloudApiError("Timeout", `SCF function ${name} is still ${status} after ${timeoutMs} ms (${what})`, {
          action: "GetFunction",
        });
      }
      await sleep(pollMs);
    }
  }

  async function apply(mutation: ScfMutation): Promise<void> {
    made.push(mutation);
    log(`${dryRun ? "would call" : "call"} ${mutation.action} ${JSON.stringify(mutation.params)}`);
    if (!dryRun) await api.mutate(mutation);
  }

  for (const action of FUNCTION_NAMES) {
    const FunctionName = scfFunctionName(options.stage, action);
    const current = await api.getFunction(FunctionName);
    if (!current) {
      log(`${FunctionName}: not deployed, nothing to remove`);
      continue;
    }
    if (BUSY.has(current.Status) && !dryRun) {
      await waitUntil(FunctionName, "waiting to delete it", (status) => status === undefined || !BUSY.has(status));
    }
    const timers = await api.listTimers(FunctionName);
    for (const timer of timers) {
      await apply({ action: "DeleteTrigger", params: { FunctionName, TriggerName: timer.TriggerName, Type: "timer" } });
    }
    await apply({ action: "DeleteFunction", params: { FunctionName } });
    if (!dryRun) await waitUntil(FunctionName, "being deleted", (status) => status === undefined);
    removed.push(FunctionName);
    log(`${FunctionName}: ${dryRun ? "would be removed" : "removed"}, with ${timers.length} timer trigger(s)`);
  }
  if (removed.length === 0) log(`stage ${options.stage}: no powercron function deployed`);
  return { mutations: made, removed, dryRun };
}
