/** The POWER_* environment variables: instances to act on when the event names none, default options, the scope guard. */
import { z } from "zod";
import { type PowerOptions, type ProviderName, type ScopeGuard, type Tags } from "../domain/index.ts";
import { allDescriptors, descriptorOf, PROVIDERS, providerNamed } from "../providers/catalog.ts";
import {
  type Environment,
  SETTINGS,
  type Setting,
  STOP_TYPE_WORDS,
  STOPPED_MODE_WORDS,
  safetyText,
  settingText,
} from "../settings/index.ts";
import { parseBoolean, parseList, parsePairs, parseWord } from "./env-syntax.ts";
import { anyInstanceIdSchema, maxCallsPerSecondSchema, PROVIDER_FORMATS, tagsSchema } from "./formats.ts";
import { type StopOptionWords, stopIntents } from "./option-intents.ts";
import type { Problems } from "./problems.ts";

export type { Environment };

/** The variables' names, by what they set (declared in src/settings/). */
export const ENV = {
  provider: SETTINGS.provider.name,
  region: SETTINGS.region.name,
  instanceIds: SETTINGS.instanceIds.name,
  tags: SETTINGS.tags.name,
  dryRun: SETTINGS.dryRun.name,
  stopType: SETTINGS.stopType.name,
  stoppedMode: SETTINGS.stoppedMode.name,
  hibernate: SETTINGS.hibernate.name,
  force: SETTINGS.force.name,
  wait: SETTINGS.wait.name,
  maxCallsPerSecond: SETTINGS.maxCallsPerSecond.name,
  allowedTag: SETTINGS.allowedTag.name,
  allowedIds: SETTINGS.allowedIds.name,
  allowedRegions: SETTINGS.allowedRegions.name,
} as const;

/** Where a provider's region comes from when neither the event nor POWER_REGION names one, in order. */
export function providerRegionVariables(provider: ProviderName): readonly string[] {
  return descriptorOf(provider).settings.regions.map((setting) => setting.name);
}

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

const BOOLEAN_OPTIONS = ["dryRun", "hibernate", "wait"] as const;

/** Reads and checks every POWER_* variable, recording each bad one in `problems`. */
export function readEnvironment(env: Environment, problems: Problems): EnvironmentSettings {
  const read = (name: string) => settingText(env, name);

  const rawProvider = read(ENV.provider);
  const provider = rawProvider === undefined ? undefined : parseWord(ENV.provider, rawProvider, PROVIDERS, problems);

  const rawIds = read(ENV.instanceIds);
  const instanceIds = rawIds === undefined ? undefined : parseIdList(ENV.instanceIds, rawIds, problems);

  const rawTags = read(ENV.tags);
  const tags = rawTags === undefined ? undefined : parseTags(ENV.tags, rawTags, problems);

  const region = read(ENV.region);
  const regionFor = (forProvider: ProviderName): Sourced<string> | undefined => {
    if (region !== undefined) return { value: region, from: ENV.region };
    for (const name of providerRegionVariables(forProvider)) {
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
    const raw = settingText(env, ENV[option]);
    const value = raw === undefined ? undefined : parseBoolean(ENV[option], raw, problems);
    if (value !== undefined) options[option] = value;
  }
  const words: { -readonly [K in keyof StopOptionWords]: StopOptionWords[K] } = {};
  const force = settingText(env, ENV.force);
  if (force !== undefined) words.force = parseBoolean(ENV.force, force, problems);
  const stopType = settingText(env, ENV.stopType);
  if (stopType !== undefined) words.stopType = parseWord(ENV.stopType, stopType, STOP_TYPE_WORDS, problems);
  const stoppedMode = settingText(env, ENV.stoppedMode);
  if (stoppedMode !== undefined) {
    words.stoppedMode = parseWord(ENV.stoppedMode, stoppedMode, STOPPED_MODE_WORDS, problems);
  }
  Object.assign(options, stopIntents(words));
  const rate = settingText(env, ENV.maxCallsPerSecond);
  if (rate !== undefined) {
    const number = /^[+-]?\d+(\.\d*)?$/.test(rate) ? Number(rate) : Number.NaN;
    const parsed = maxCallsPerSecondSchema.safeParse(number);
    if (parsed.success) options.maxCallsPerSecond = parsed.data;
    else problems.bad(ENV.maxCallsPerSecond, rate, "is not a whole number from 1 to 100");
  }
  return options;
}

/** A guard variable's text: undefined when unset; a blank one is an error, since it would lift the guard unseen. */
function guardText(env: Environment, setting: Setting, problems: Problems): string | undefined {
  const text = safetyText(env, setting);
  if (typeof text !== "object") return text;
  problems.bad(setting.name, text.blank, "is blank: a guard variable must name what it allows, or be unset");
  return undefined;
}

function readAllowedTag(raw: string, problems: Problems): ScopeGuard["allowedTag"] {
  const pairs = parsePairs(ENV.allowedTag, raw, problems);
  if (pairs === undefined) return undefined;
  const entries = Object.entries(pairs);
  const [entry] = entries;
  if (entry === undefined || entries.length > 1) {
    problems.bad(ENV.allowedTag, raw, "is not one key=value pair");
    return undefined;
  }
  return problems.check(tagsSchema, pairs, ENV.allowedTag) === undefined
    ? undefined
    : { key: entry[0], value: entry[1] };
}

/** `provider:region` examples, one per cloud: `a:x or b:y`. */
function regionExamples(): string {
  const examples = allDescriptors().map((descriptor) => `${descriptor.name}:${descriptor.region.example}`);
  return `${examples.slice(0, -1).join(", ")}${examples.length > 1 ? " or " : ""}${examples.at(-1) ?? ""}`;
}

/** `provider:region,...`: each entry a provider and one of its regions. */
function readAllowedRegions(raw: string, problems: Problems): Set<string> | undefined {
  const entries = parseList(ENV.allowedRegions, raw, problems);
  if (entries === undefined) return undefined;
  if (entries.length === 0) {
    problems.bad(ENV.allowedRegions, raw, "lists no provider:region; leave it unset instead");
    return undefined;
  }
  let ok = true;
  const allowed = new Set<string>();
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const provider = providerNamed(entry.slice(0, colon));
    const region = entry.slice(colon + 1);
    if (colon < 0 || provider === undefined) {
      problems.bad(ENV.allowedRegions, entry, `is not provider:region (such as ${regionExamples()})`);
      ok = false;
    } else if (!PROVIDER_FORMATS[provider].region.safeParse(region).success) {
      problems.bad(ENV.allowedRegions, entry, `is not provider:region: ${region} is not a ${provider} region`);
      ok = false;
    } else {
      allowed.add(`${provider}:${region}`);
    }
  }
  return ok ? allowed : undefined;
}

function readScope(env: Environment, problems: Problems): ScopeGuard {
  const scope: { -readonly [K in keyof ScopeGuard]?: ScopeGuard[K] } = {};
  const rawTag = guardText(env, SETTINGS.allowedTag, problems);
  const allowedTag = rawTag === undefined ? undefined : readAllowedTag(rawTag, problems);
  if (allowedTag !== undefined) scope.allowedTag = allowedTag;
  const rawIds = guardText(env, SETTINGS.allowedIds, problems);
  if (rawIds !== undefined) {
    // An empty list would silently lift the guard: parseIdList refuses it.
    const ids = parseIdList(ENV.allowedIds, rawIds, problems);
    const checked = ids === undefined ? undefined : problems.check(z.array(anyInstanceIdSchema), ids, ENV.allowedIds);
    if (checked !== undefined) scope.allowedIds = new Set(checked);
  }
  const rawRegions = guardText(env, SETTINGS.allowedRegions, problems);
  const allowedRegions = rawRegions === undefined ? undefined : readAllowedRegions(rawRegions, problems);
  if (allowedRegions !== undefined) scope.allowedRegions = allowedRegions;
  return scope;
}
