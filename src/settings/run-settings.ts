/**
 * Parsers for the variables that are not part of a request: the run's time budget, request timeouts, the config
 * file, the age beyond which a timer event is stale, credentials and endpoints. Each throws InvalidInputError naming
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

export interface TencentCredential {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

/**
 * Tencent keys: first the names SCF sets for an execution role (temporary keys that rotate: read on every call), then
 * the names the Tencent SDK documents. Undefined when neither pair is complete.
 */
export function tencentCredential(env: Environment): TencentCredential | undefined {
  const pick = (role: Setting, sdk: Setting) => settingText(env, role) ?? settingText(env, sdk);
  const secretId = pick(SETTINGS.tencentRoleSecretId, SETTINGS.tencentSecretId);
  const secretKey = pick(SETTINGS.tencentRoleSecretKey, SETTINGS.tencentSecretKey);
  const token = pick(SETTINGS.tencentRoleSessionToken, SETTINGS.tencentSessionToken);
  if (secretId === undefined || secretKey === undefined) return undefined;
  return token === undefined ? { secretId, secretKey } : { secretId, secretKey, token };
}

/** The message for missing Tencent keys. */
export const MISSING_TENCENT_CREDENTIAL = `Tencent credentials missing: set ${SETTINGS.tencentRoleSecretId.name} and ${SETTINGS.tencentRoleSecretKey.name} (bind an execution role on SCF), or ${SETTINGS.tencentSecretId.name} and ${SETTINGS.tencentSecretKey.name}`;

export interface AwsCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** AWS keys given explicitly, or undefined to leave them to the SDK's default chain (the Lambda role). */
export function awsCredential(env: Environment): AwsCredential | undefined {
  const accessKeyId = settingText(env, SETTINGS.awsAccessKeyId);
  const secretAccessKey = settingText(env, SETTINGS.awsSecretAccessKey);
  const sessionToken = settingText(env, SETTINGS.awsSessionToken);
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  return sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
}

function endpoint(env: Environment, ...settings: readonly Setting[]): string | undefined {
  for (const setting of settings) {
    const raw = settingText(env, setting);
    if (raw === undefined) continue;
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol))
      throw bad(setting, raw, "is not an http(s) URL");
    return raw;
  }
  return undefined;
}

/** STS endpoint overrides (the local cloud) for assuming the config's account roles; undefined means the real STS. */
export function stsEndpoints(env: Environment): { tencentSts?: string; awsSts?: string } {
  const tencentSts = endpoint(env, SETTINGS.tencentStsEndpoint);
  const awsSts = endpoint(env, SETTINGS.awsStsEndpoint, SETTINGS.awsEndpoint);
  return {
    ...(tencentSts === undefined ? {} : { tencentSts }),
    ...(awsSts === undefined ? {} : { awsSts }),
  };
}

/** Endpoint overrides (the local cloud), each a full http(s) URL; undefined means the real API. */
export function endpoints(env: Environment): { tencentCvm?: string; tencentScf?: string; awsEc2?: string } {
  const tencentCvm = endpoint(env, SETTINGS.tencentCvmEndpoint);
  const tencentScf = endpoint(env, SETTINGS.tencentScfEndpoint);
  const awsEc2 = endpoint(env, SETTINGS.awsEc2Endpoint, SETTINGS.awsEndpoint);
  return {
    ...(tencentCvm === undefined ? {} : { tencentCvm }),
    ...(tencentScf === undefined ? {} : { tencentScf }),
    ...(awsEc2 === undefined ? {} : { awsEc2 }),
  };
}
