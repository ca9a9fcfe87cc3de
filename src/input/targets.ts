/**
 * Turns what an event or the environment says about instances into PowerTargets: infers the provider from ID prefixes
 * (only unambiguous ones, through the provider registry),
 * falls back to the environment's region, checks ID and region formats, duplicates and limits.
 */

import type { PowerTarget, ProviderName, Tags } from "../domain/index.ts";
import { outsideRegionsMessage, targetsOutsideScope } from "../domain/index.ts";
import { descriptorOf, inferProviderOfId, orList, PROVIDERS, unknownProviderReason } from "../providers/catalog.ts";
import type { EnvironmentSettings, Sourced } from "./environment.ts";
import { ENV, providerRegionVariables } from "./environment.ts";
import { INPUT_LIMITS, PROVIDER_FORMATS, tagsOf } from "./formats.ts";
import type { Problems } from "./problems.ts";

/** Where each part of a target is named, for messages: event paths (`targets[1].region`) or variable names. */
export interface TargetLabels {
  readonly target: string;
  readonly provider: string;
  readonly region: string;
  readonly instanceIds: string;
  readonly tags: string;
  readonly account: string;
}

/** A target as given, before its provider and region are settled. */
export interface TargetDraft {
  readonly labels: TargetLabels;
  readonly provider?: Sourced<ProviderName> | undefined;
  readonly region?: Sourced<string> | undefined;
  readonly instanceIds?: readonly string[] | undefined;
  readonly tags?: Tags | undefined;
  /** The config account named in the event (checked against the config later, before any cloud call). */
  readonly account?: string | undefined;
  /** The provider when neither `provider` nor any ID prefix tells it (the classic form: the SCF platform's cloud). */
  readonly defaultProvider?: ProviderName;
}

export const ENVIRONMENT_LABELS: TargetLabels = {
  target: "environment",
  provider: ENV.provider,
  region: ENV.region,
  instanceIds: ENV.instanceIds,
  tags: ENV.tags,
  account: "account",
};

/** Labels for a target at `base` in an event: `""` for the top level, `targets[2]`, `Message.targets[0]`. */
export function eventLabels(base: string, idsKey = "instanceIds"): TargetLabels {
  const field = (name: string) => (base === "" ? name : `${base}.${name}`);
  return {
    target: base === "" ? "event" : base,
    provider: field("provider"),
    region: field("region"),
    instanceIds: field(idsKey),
    tags: field("tags"),
    account: field("account"),
  };
}

/**
 * The provider the IDs tell: only IDs whose prefix exactly one cloud claims are evidence. IDs of two clouds, or an ID
 * that could belong to several, leave the target to name its provider.
 */
function inferProvider(draft: TargetDraft, ids: readonly string[], problems: Problems): ProviderName | undefined {
  const firstIdOf = new Map<ProviderName, string>();
  let ambiguous: { id: string; index: number; providers: readonly ProviderName[] } | undefined;
  ids.forEach((id, index) => {
    const inference = inferProviderOfId(id);
    if (inference.kind === "known" && !firstIdOf.has(inference.provider)) firstIdOf.set(inference.provider, id);
    if (inference.kind === "ambiguous" && ambiguous === undefined) ambiguous = { id, index, ...inference };
  });
  const found = [...firstIdOf].sort(([a], [b]) => PROVIDERS.indexOf(a) - PROVIDERS.indexOf(b));
  if (found.length > 1) {
    const [[first, firstId], [second, secondId]] = found as [[ProviderName, string], [ProviderName, string]];
    problems.add(
      draft.labels.instanceIds,
      `mixes ${descriptorOf(first).label} and ${descriptorOf(second).label} instance IDs (${problems.show(firstId)} and ${problems.show(secondId)}); give each cloud its own target`,
    );
    return undefined;
  }
  if (ambiguous !== undefined && draft.defaultProvider === undefined) {
    const { id, index, providers } = ambiguous;
    problems.bad(
      `${draft.labels.instanceIds}[${index}]`,
      id,
      `${unknownProviderReason({ kind: "ambiguous", providers })} in ${draft.labels.provider}`,
    );
    return undefined;
  }
  const inferred = found[0]?.[0] ?? draft.defaultProvider;
  if (inferred !== undefined) return inferred;
  if (ids.length > 0) {
    ids.forEach((id, index) => {
      problems.bad(`${draft.labels.instanceIds}[${index}]`, id, unknownProviderReason({ kind: "unknown" }));
    });
  } else {
    const where = draft.labels === ENVIRONMENT_LABELS ? `in the event or set ${ENV.provider}` : "next to the tags";
    problems.add(
      draft.labels.provider,
      `missing, and tags alone do not tell it; name the provider (${orList([...PROVIDERS])}) ${where}`,
    );
  }
  return undefined;
}

function resolveRegion(
  draft: TargetDraft,
  provider: ProviderName,
  env: EnvironmentSettings,
  problems: Problems,
): string | undefined {
  const region = draft.region ?? env.regionFor(provider);
  if (region === undefined) {
    const variables = [ENV.region, ...providerRegionVariables(provider)].join(" or ");
    const where = draft.labels === ENVIRONMENT_LABELS ? "" : "name it in the event or ";
    problems.add(draft.labels.region, `missing for ${provider}; ${where}set ${variables}`);
    return undefined;
  }
  const inherited = draft.region === undefined && draft.labels !== ENVIRONMENT_LABELS;
  const path = inherited ? `${region.from} (as ${draft.labels.region})` : region.from;
  return problems.check(PROVIDER_FORMATS[provider].region, region.value, path);
}

function checkInstanceIds(draft: TargetDraft, provider: ProviderName, ids: readonly string[], problems: Problems) {
  const format = PROVIDER_FORMATS[provider].instanceId;
  const firstIndex = new Map<string, number>();
  let ok = true;
  ids.forEach((id, index) => {
    const path = `${draft.labels.instanceIds}[${index}]`;
    if (problems.check(format, id, path) === undefined) ok = false;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else {
      problems.bad(path, id, `is listed twice (also at [${first}])`);
      ok = false;
    }
  });
  return ok;
}

/** One target, or undefined after recording why not. */
export function resolveTarget(
  draft: TargetDraft,
  env: EnvironmentSettings,
  problems: Problems,
): PowerTarget | undefined {
  const ids = draft.instanceIds ?? [];
  const tags = draft.tags;
  if (ids.length === 0 && tags === undefined) {
    problems.add(draft.labels.target, "names no instances: give instanceIds and/or tags");
    return undefined;
  }
  if (ids.length === 0 && tags !== undefined && Object.keys(tags).length === 0) {
    problems.add(draft.labels.tags, "{} selects no instances: give at least one tag, or instanceIds");
    return undefined;
  }
  if (ids.length > INPUT_LIMITS.idsPerTarget) {
    problems.add(
      draft.labels.instanceIds,
      `has ${ids.length} entries; the limit is ${INPUT_LIMITS.idsPerTarget} per target`,
    );
    return undefined;
  }
  const provider = draft.provider?.value ?? inferProvider(draft, ids, problems);
  if (provider === undefined) return undefined;
  const region = resolveRegion(draft, provider, env, problems);
  const idsOk = checkInstanceIds(draft, provider, ids, problems);
  if (region === undefined || !idsOk) return undefined;
  return {
    provider,
    region,
    instanceIds: [...ids],
    tags: tagsOf(Object.entries(tags ?? {})),
    ...(draft.account === undefined ? {} : { account: draft.account }),
  };
}

/**
 * Every target, then the checks across targets: one target per provider, account and region, the limit on IDs in all.
 */
export function resolveTargets(
  drafts: readonly TargetDraft[],
  env: EnvironmentSettings,
  problems: Problems,
  listLabel: string,
): PowerTarget[] {
  const total = drafts.reduce((sum, draft) => sum + (draft.instanceIds?.length ?? 0), 0);
  if (total > INPUT_LIMITS.idsInAll) {
    problems.add(listLabel, `name ${total} instance IDs in all; the limit is ${INPUT_LIMITS.idsInAll}`);
    return [];
  }
  const targets: PowerTarget[] = [];
  const seen = new Map<string, string>();
  for (const draft of drafts) {
    const target = resolveTarget(draft, env, problems);
    if (target === undefined) continue;
    const key = `${target.provider} ${target.region}${target.account === undefined ? "" : ` (account ${target.account})`}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(draft.labels.target, `repeats ${key} of ${first}: put them in one target`);
      continue;
    }
    seen.set(key, draft.labels.target);
    if (targetsOutsideScope([target], env.scope).length > 0) {
      problems.add(draft.labels.target, outsideRegionsMessage(target, env.scope));
      continue;
    }
    targets.push(target);
  }
  return targets;
}
