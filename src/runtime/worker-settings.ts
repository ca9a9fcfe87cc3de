/**
 * The fan-out's settings, read fail-fast: how many partitions one invocation carries before a fire fans out
 * (POWER_PARTITIONS_PER_WORKER), how many workers run at once (POWER_WORKER_CONCURRENCY), the worker function
 * (POWER_WORKER_FUNCTION, set by the deploy to the function itself) and the signing secret (POWER_WORKER_SECRET, never shown).
 */
import { InvalidInputError } from "../errors.ts";
import { type Environment, SETTINGS, type Setting, settingText } from "../settings/index.ts";
import { MAX_WORKER_PARTITIONS } from "./worker-event.ts";

/**
 * Partitions one invocation runs before the fire fans out. Measured at 25 × 100 instances (`npm run bench --
 * --fan-out-only`): 2.0 to 7.8 s and at most 116 MB peak RSS in one worker with the 128 MB flags, far inside SCF's
 * 300 s synchronous limit (README "Fan-out through the platform"). Other sizes were not measured.
 */
export const DEFAULT_PARTITIONS_PER_WORKER = 25;
export const DEFAULT_WORKER_CONCURRENCY = 10;
const MIN_SECRET_CHARS = 16;

function wholeNumber(env: Environment, setting: Setting, min: number, max: number, fallback: number): number {
  const raw = settingText(env, setting);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new InvalidInputError(`${setting.name}: ${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

/** POWER_PARTITIONS_PER_WORKER; 0 = never fan out. */
export function partitionsPerWorker(env: Environment): number {
  return wholeNumber(env, SETTINGS.partitionsPerWorker, 0, MAX_WORKER_PARTITIONS, DEFAULT_PARTITIONS_PER_WORKER);
}

export function workerConcurrency(env: Environment): number {
  return wholeNumber(env, SETTINGS.workerConcurrency, 1, 1000, DEFAULT_WORKER_CONCURRENCY);
}

/** POWER_WORKER_SECRET, or undefined; a short one is refused without showing it. */
export function workerSecret(env: Environment): string | undefined {
  const secret = settingText(env, SETTINGS.workerSecret);
  if (secret !== undefined && secret.length < MIN_SECRET_CHARS) {
    throw new InvalidInputError(
      `${SETTINGS.workerSecret.name}: the value (not shown) has ${secret.length} characters; it needs ${MIN_SECRET_CHARS} or more`,
    );
  }
  return secret;
}

/** POWER_WORKER_FUNCTION (the deploy sets it to the function itself), or undefined: no fan-out. */
export function workerFunction(env: Environment): string | undefined {
  return settingText(env, SETTINGS.workerFunction);
}
