import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CloudApiError } from "../../../errors.ts";
import type { ScheduleConfig } from "../../../schedule/index.ts";
import { deployedEnvironment } from "../../deploy-check.ts";
import { FUNCTION_NAMES } from "../../function-names.ts";
import type { NotifyEnvironment } from "../../notify-environment.ts";
import type { BuiltBundle } from "../../platform-descriptor.ts";
import { scfTimerTriggers } from "../ticks.ts";
import type { ScfApi, ScfFunctionState, ScfMutation } from "./scf-api.ts";
import {
  type DesiredFunction,
  describeMutation,
  desiredFunction,
  functionMutations,
  SCF_CONFIG_PATH,
  timerMutations,
} from "./scf-plan.ts";

export interface ScfDeployOptions {
  readonly config: ScheduleConfig;
  /** In every deployed name: `powercron-<stage>-stop`, `<stage>-<group>-stop-…` triggers. */
  readonly stage: string;
  /** The SCF bundles (dist/scf/{start,stop}.zip). */
  readonly bundles: readonly BuiltBundle[];
  readonly api: ScfApi;
  /** Print the calls instead of making them (reads still happen). */
  readonly dryRun?: boolean;
  readonly log?: (line: string) => void;
  /** What the deploy copies from its environment (cloud-keys-environment.ts): alert variables, other clouds' keys. */
  readonly notify?: NotifyEnvironment;
  /** How often GetFunction is asked while a function is Creating/Updating. Default 1000. */
  readonly pollMs?: number;
  /** How long to wait for Active. Default 180000. */
  readonly activeTimeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ScfDeployResult {
  /** Every mutating call, made or (dry run) planned, in order. */
  readonly mutations: readonly ScfMutation[];
  readonly dryRun: boolean;
}

const FAILED_STATUSES = new Set(["CreateFailed", "UpdateFailed", "PublishFailed", "DeleteFailed"]);

async function zipOf(bundle: BuiltBundle): Promise<{ base64: string; sha256: string }> {
  const zip = await readFile(bundle.zip);
  return { base64: zip.toString("base64"), sha256: createHash("sha256").update(zip).digest("hex") };
}

/**
 * Creates or updates the start and stop functions and syncs their timer triggers with the config. Idempotent: a
 * second run against an up-to-date account makes read calls only.
 */
export async function deployScf(options: ScfDeployOptions): Promise<ScfDeployResult> {
  const log = options.log ?? console.log;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 1000;
  const timeoutMs = options.activeTimeoutMs ?? 180_000;
  const { api } = options;
  const dryRun = options.dryRun ?? false;
  const triggers = scfTimerTriggers(options.config);
  const made: ScfMutation[] = [];
  const secretNames = options.notify?.secretNames ?? [];

  async function waitActive(name: string): Promise<ScfFunctionState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await api.getFunction(name);
      if (!state)
        throw new CloudApiError("ResourceNotFound.Function", `SCF function ${name} vanished during the deploy`);
      if (state.Status === "Active") return state;
      if (FAILED_STATUSES.has(state.Status)) {
        throw new CloudApiError(state.Status, `SCF function ${name} is ${state.Status}: ${state.StatusDesc}`, {
          action: "GetFunction",
        });
      }
      if (Date.now() > deadline) {
        throw new CloudApiError("Timeout", `SCF function ${name} is still ${state.Status} after ${timeoutMs} ms`, {
          action: "GetFunction",
        });
      }
      await sleep(pollMs);
    }
  }

  async function apply(mutation: ScfMutation): Promise<void> {
    made.push(mutation);
    log(`${dryRun ? "would call" : "call"} ${describeMutation(mutation, secretNames)}`);
    if (dryRun) return;
    await api.mutate(mutation);
  }

  for (const action of FUNCTION_NAMES) {
    const bundle = options.bundles.find((candidate) => candidate.platform === "scf" && candidate.name === action);
    if (!bundle) throw new Error(`deployScf: no SCF bundle for ${action}`);
    const environment = deployedEnvironment(options.config, "scf", bundle.configDigest, {
      ...options.notify?.variables,
      POWER_CONFIG: SCF_CONFIG_PATH,
      // The stage the stamps name (`stopped ... by <group> (<stage>)`).
      POWERCRON_STAGE: options.stage,
    });
    const desired: DesiredFunction = desiredFunction(action, options.config.deploy.scf, triggers, await zipOf(bundle), {
      stage: options.stage,
      environment,
    });
    let current = await api.getFunction(desired.name);
    if (current && current.Status !== "Active" && !dryRun) current = await waitActive(desired.name);
    const steps = functionMutations(current, desired);
    for (const step of steps) {
      await apply(step);
      if (!dryRun) await waitActive(desired.name);
    }
    const timers = current ? await api.listTimers(desired.name) : [];
    for (const step of timerMutations(timers, desired)) await apply(step);
    const changed = made.filter((mutation) => mutation.params.FunctionName === desired.name).length;
    const summary = changed === 0 ? "up to date" : `${changed} ${dryRun ? "planned change(s)" : "change(s)"}`;
    log(`${desired.name}: ${summary}, ${desired.timers.length} timer trigger(s) wanted`);
  }
  return { mutations: made, dryRun };
}
