/** The POWER_* environment variables: instances to act on when the event names none, default options, the scope guard. */
import { z } from "zod";
import {
  type PowerOptions,
  PROVIDERS,
  type ProviderName,
  type ScopeGuard,
  type Tags,
  TENCENT_STOP_TYPES,
  TENCENT_STOPPED_MODES,
} from "../domain/types.ts";
import { parseBoolean, parseList, parsePairs, parseWord, readVariable } from "./env-syntax.ts";
import { anyInstanceIdSchema, maxCallsPerSecondSchema, tagsSchema } from "./formats.ts";
import type { Problems } from "./problems.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

export const ENV = {
  provider: "POWER_PROVIDER",
  region: "POWER_REGION",
  instanceIds: "POWER_INSTANCE_IDS",
  tags: "POWER_TAGS",
  dryRun: "POWER_DRY_RUN",
  stopType: "POWER_STOP_TYPE",
  stoppedMode: "POWER_STOPPED_MODE",
  hibernate: "POWER_HIBERNATE",
  force: "POWER_FORCE",
  wait: "POWER_WAIT",
  maxCallsPerSecond: "POWER_MAX_CALLS_PER_SECOND",
  allowedTag: "POWER_ALLOWED_TAG",
  allowedIds: "POWER_ALLOWED_IDS",
} as const;

/** Where each provider's region comes from when neither the event nor POWER_REGION names one, in order. */
export const PROVIDER_REGION_VARIABLES: Readonly<Record<ProviderName, readonly string[]>> = {
  tencent: ["TENCENTCLOUD_REGION"],
  aws: ["AWS_REGION", "AWS_DEFAULT_REGION"],
};

/** A value and the variable or event field it came from, for messages. */
export interface Sourced<T> {
  readonly value: T;
  readonly from: string;
}

export interface EnvironmentSettings {
  readonly provider?: Sourced<ProviderName>;
  readonly instanceIds?: readonly string[];
  readonly tags?: Tags;
  /** POWER_INSTANCE_IDS or POWER_TAGS is set, even if to a bad value: the environment does name instances. */
  readonly namesInstances: boolean;
  /** Options set in the environment: defaults under the event's options. */
  readonly options: Partial<PowerOptions>;
  readonly scope: ScopeGuard;
  /** POWER_REGION, else the provider's own region variable. */
  regionFor(provider: ProviderName): Sourced<string> | undefined;
}

const BOOLEAN_OPTIONS = ["dryRun", "hibernate", "force", "wait"] as const;

/** Reads and checks every POWER_* variable, recording each bad one in `problems`. */
export function readEnvironment(env: Environment, problems: Problems): EnvironmentSettings {
  const read = (name: string) => readVariable(env, name);

  const rawProvider = read(ENV.provider);
  const provider = rawProvider === undefined ? undefined : parseWord(ENV.provider, rawProvider, PROVIDERS, problems);

  const rawIds = read(ENV.instanceIds);
  const instanceIds = rawIds === undefined ? undefined : parseIdList(ENV.instanceIds, rawIds, problems);

  const rawTags = read(ENV.tags);
  const tags = rawTags === undefined ? undefined : parseTags(ENV.tags, rawTags, problems);

  const region = read(ENV.region);
  const regionFor = (forProvider: ProviderName): Sourced<string> | undefined => {
    if (region !== undefined) return { value: region, from: ENV.region };
    for (const name of PROVIDER_REGION_VARIABLES[forProvider]) {
      const value = read(name);
      if (value !== undefined) return { value, from: name };
    }
    return undefined;
  };

  return {
    ...(provider === undefined ? {} : { provider: { value: provider, from: ENV.provider } }),
    ...(instanceIds === undefined ? {} : { instanceIds }),
    ...(tags === undefined ? {} : { tags }),
    namesInstances: rawIds !== undefined || rawTags !== undefined,
    options: readOptions(env, problems),
    scope: readScope(env, problems),
    regionFor,
  };
}

/** A list of IDs; an empty one (`,` or `[]`) is an error rather than "no IDs", since the variable is set. */
function parseIdList(name: string, raw: string, problems: Problems): string[] | undefined {
  const ids = parseList(name, raw, problems);
  if (ids === undefined || ids.length > 0) return ids;
  problems.bad(name, raw, "lists no instance IDs; leave it unset instead");
  return undefined;
}

/** `key=value,...` with at least one pair, each a valid tag. */
function parseTags(name: string, raw: string, problems: Problems): Tags | undefined {
  const pairs = parsePairs(name, raw, problems);
  if (pairs === undefined) return undefined;
  if (Object.keys(pairs).length === 0) {
    problems.bad(name, raw, "has no key=value pair; leave it unset instead");
    return undefined;
  }
  return problems.check(tagsSchema, pairs, name);
}

function readOptions(env: Environment, problems: Problems): Partial<PowerOptions> {
  const options: { -readonly [K in keyof PowerOptions]?: PowerOptions[K] } = {};
  for (const option of BOOLEAN_OPTIONS) {
    const raw = readVariable(env, ENV[option]);
    const value = raw === undefined ? undefined : parseBoolean(ENV[option], raw, problems);
    if (value !== undefined) options[option] = value;
  }
  const stopType = readVariable(env, ENV.stopType);
  if (stopType !== undefined) {
    const value = parseWord(ENV.stopType, stopType, TENCENT_STOP_TYPES, problems);
    if (value !== undefined) options.stopType = value;
  }
  const stoppedMode = readVariable(env, ENV.stoppedMode);
  if (stoppedMode !== undefined) {
    const value = parseWord(ENV.stoppedMode, stoppedMode, TENCENT_STOPPED_MODES, problems);
    if (value !== undefined) options.stoppedMode = value;
  }
  const rate = readVariable(env, ENV.maxCallsPerSecond);
  if (rate !== undefined) {
    const number = /^[+-]?\d+(\.\d*)?$/.test(rate) ? Number(rate) : Number.NaN;
    const parsed = maxCallsPerSecondSchema.safeParse(number);
    if (parsed.success) options.maxCallsPerSecond = parsed.data;
    else problems.bad(ENV.maxCallsPerSecond, rate, "is not a whole number from 1 to 100");
  }
  return options;
}

function readScope(env: Environment, problems: Problems): ScopeGuard {
  const scope: { -readonly [K in keyof ScopeGuard]?: ScopeGuard[K] } = {};
  const rawTag = readVariable(env, ENV.allowedTag);
  if (rawTag !== undefined) {
    const pairs = parsePairs(ENV.allowedTag, rawTag, problems);
    const entries = Object.entries(pairs ?? {});
    const [entry] = entries;
    if (pairs !== undefined && (entry === undefined || entries.length > 1)) {
      problems.bad(ENV.allowedTag, rawTag, "is not one key=value pair");
    } else if (entry !== undefined && problems.check(tagsSchema, pairs, ENV.allowedTag) !== undefined) {
      scope.allowedTag = { key: entry[0], value: entry[1] };
    }
  }
  const rawIds = readVariable(env, ENV.allowedIds);
  if (rawIds !== undefined) {
    // An empty list would silently lift the guard: parseIdList refuses it.
    const ids = parseIdList(ENV.allowedIds, rawIds, problems);
    const checked = ids === undefined ? undefined : problems.check(z.array(anyInstanceIdSchema), ids, ENV.allowedIds);
    if (checked !== undefined) scope.allowedIds = new Set(checked);
  }
  return scope;
}
