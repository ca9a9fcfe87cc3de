/**
 * Parsers for the variables that are not part of a request: the run's time budget, request timeouts, the config
 * file, the age beyond which a timer event is stale; and the primitives each cloud reads its keys and endpoints with. Each throws InvalidInputError naming
 * the variable and its value (never a credential's value) on a bad value; unset or blank gives the default.
 */
import { InvalidInputError } from "../errors.ts";
import { type Environment, settingText } from "./environment.ts";
import { SETTINGS, type Setting } from "./variables.ts";

export const DEFAULT_CONFIG_PATH = "config/schedules.yaml";
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_EVENT_AGE_MS = 15 * 60_000;
const REQUEST_TIMEOUT_RANGE = { min: 100, max: 120_000 } as const;

function bad(setting: Setting, raw: string, reason: string): InvalidInputError {
  return new InvalidInputError(`${setting.name}: ${JSON.stringify(raw)} ${reason}`);
}

/** POWER_CONFIG, else config/schedules.yaml; a relative path is read from the working directory. */
export function configPath(env: Environment): string {
  return settingText(env, SETTINGS.config) ?? DEFAULT_CONFIG_PATH;
}

/** POWER_TIME_BUDGET_SECONDS in milliseconds (a positive number of seconds), or undefined when unset. */
export function timeBudgetCapMs(env: Environment): number | undefined {
  const raw = settingText(env, SETTINGS.timeBudgetSeconds);
  if (raw === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw bad(SETTINGS.timeBudgetSeconds, raw, "is not a positive number of seconds");
  return seconds * 1000;
}

/** POWER_REQUEST_TIMEOUT_MS: a whole number of milliseconds from 100 to 120000; default 10000. */
export function requestTimeoutMs(env: Environment): number {
  const raw = settingText(env, SETTINGS.requestTimeoutMs);
  if (raw === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= REQUEST_TIMEOUT_RANGE.min && value <= REQUEST_TIMEOUT_RANGE.max)) {
    throw bad(SETTINGS.requestTimeoutMs, raw, "is not a whole number of milliseconds from 100 to 120000");
  }
  return value;
}

const AGE_UNITS_MS: Readonly<Record<string, number>> = { "": 1000, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * POWER_MAX_EVENT_AGE in milliseconds: seconds (`900`) or a number with a unit (`90s`, `15m`, `1h`); `0` disables the
 * check (returns 0). Default 15 minutes.
 */
export function maxEventAgeMs(env: Environment): number {
  const raw = settingText(env, SETTINGS.maxEventAge);
  if (raw === undefined) return DEFAULT_MAX_EVENT_AGE_MS;
  const match = /^(\d+)\s*([smh]?)$/i.exec(raw);
  const unit = AGE_UNITS_MS[match?.[2]?.toLowerCase() ?? ""];
  if (match === null || unit === undefined) {
    throw bad(SETTINGS.maxEventAge, raw, "is not an age (seconds, or a number with s, m or h; 0 disables the check)");
  }
  return Number(match[1]) * unit;
}

/**
 * The first of these variables that is set, as a full http(s) URL (an endpoint override: the local cloud); undefined
 * means the real API. Each cloud's descriptor reads its endpoints with it.
 */
export function endpointUrl(env: Environment, ...settings: readonly Setting[]): string | undefined {
  for (const setting of settings) {
    const raw = settingText(env, setting);
    if (raw === undefined) continue;
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol))
      throw bad(setting, raw, "is not an http(s) URL");
    return raw;
  }
  return undefined;
}

/** A key pair and optional token, by the variables that hold them, in order of preference for each. */
export interface KeyPairSettings {
  readonly keyId: readonly Setting[];
  readonly secret: readonly Setting[];
  readonly token: readonly Setting[];
}

export interface KeyPair {
  readonly keyId: string;
  readonly secret: string;
  readonly token?: string;
}

/** The key pair the variables hold (the first set of each), or undefined when the pair is incomplete. */
export function keyPair(env: Environment, settings: KeyPairSettings): KeyPair | undefined {
  const first = (candidates: readonly Setting[]) => {
    for (const candidate of candidates) {
      const value = settingText(env, candidate);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const keyId = first(settings.keyId);
  const secret = first(settings.secret);
  const token = first(settings.token);
  if (keyId === undefined || secret === undefined) return undefined;
  return token === undefined ? { keyId, secret } : { keyId, secret, token };
}

/** The stage the stamps name when the deploy set none (`powercron run`, a function deployed by hand). */
export const DEFAULT_STAGE = "manual";

/** POWER_STAMPS: `on` (default) or `off`, any case. */
export function stampsEnabled(env: Environment): boolean {
  const raw = settingText(env, SETTINGS.stamps);
  if (raw === undefined) return true;
  const word = raw.toLowerCase();
  if (word === "on" || word === "off") return word === "on";
  throw bad(SETTINGS.stamps, raw, "is not on or off");
}

/** POWERCRON_STAGE, as the deploy sets it; else `manual`. */
export function deployStage(env: Environment): string {
  return settingText(env, SETTINGS.stage) ?? DEFAULT_STAGE;
}
