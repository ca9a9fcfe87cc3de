/**
 * What our own event forms ask for: a group, or targets (named in the event or taken from the environment), and options.
 * Used for a direct invocation and for the Message of an SCF timer.
 */
import { z } from "zod";
import type { PowerOptions, ProviderName } from "../domain/index.ts";
import { classicEventProvider } from "../providers/catalog.ts";
import type { EventRecord } from "./decode-event.ts";
import type { EnvironmentSettings } from "./environment.ts";
import {
  type EventOptions,
  groupEventSchema,
  multiTargetEventSchema,
  singleTargetEventSchema,
  targetSchema,
} from "./event-schemas.ts";
import { anyInstanceIdSchema, INPUT_LIMITS } from "./formats.ts";
import { joinPath, type Problems } from "./problems.ts";
import { ENVIRONMENT_LABELS, eventLabels, type TargetDraft } from "./targets.ts";

export type Payload =
  | { kind: "group"; group: string; options: Partial<PowerOptions>; scheduledTime?: string }
  | {
      kind: "targets";
      drafts: TargetDraft[];
      /** Label of the target list in messages (`targets`, `event`). */
      listLabel: string;
      /** The targets come from the environment: the event names no instances. */
      fromEnvironment: boolean;
      options: Partial<PowerOptions>;
      scheduledTime?: string;
    };

const TARGET_KEYS = ["provider", "region", "instanceIds", "instanceids", "tags", "account"] as const;

/** The targets list checked entry by entry, so that one bad target does not hide the others' problems. */
const multiTargetEnvelopeSchema = multiTargetEventSchema.extend({
  targets: z.array(z.unknown()).min(1).max(INPUT_LIMITS.targets),
});

/** Keys present in `record` among `keys`. */
function present(record: EventRecord, keys: readonly string[]): string[] {
  return keys.filter((key) => Object.hasOwn(record, key));
}

function without(record: EventRecord, keys: readonly string[]): EventRecord {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Event options with absent keys left out, so that they never hide the environment's. */
function definedOptions(options: EventOptions | undefined): Partial<PowerOptions> {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
}

/**
 * The event's options over the environment's, except the operator's safety switch: when POWER_DRY_RUN says true, an
 * event's `"dryRun": false` does not turn it off (an event may only make a run safer).
 */
export function withOperatorSafety(
  env: EnvironmentSettings,
  eventOptions: Partial<PowerOptions>,
): Partial<PowerOptions> {
  const merged = { ...env.options, ...eventOptions };
  return env.options.dryRun === true ? { ...merged, dryRun: true } : merged;
}

function withTime<T extends object>(value: T, scheduledTime: string | undefined): T & { scheduledTime?: string } {
  return scheduledTime === undefined ? value : { ...value, scheduledTime };
}

/** The drafts of a `targets` event; each entry is checked on its own. */
function targetDrafts(targets: readonly unknown[], base: string, problems: Problems): TargetDraft[] {
  const drafts: TargetDraft[] = [];
  targets.forEach((entry, index) => {
    const path = joinPath(base, ["targets", index]);
    const target = problems.check(targetSchema, entry, path);
    if (target === undefined) return;
    const labels = eventLabels(path);
    drafts.push({
      labels,
      provider: target.provider === undefined ? undefined : { value: target.provider, from: labels.provider },
      region: target.region === undefined ? undefined : { value: target.region, from: labels.region },
      instanceIds: target.instanceIds,
      tags: target.tags,
      account: target.account,
    });
  });
  return drafts;
}

/** The environment's instances as a target, with the event's provider and region (if any) taking precedence. */
function environmentDraft(env: EnvironmentSettings, named: Partial<TargetDraft>): TargetDraft | undefined {
  if (env.instanceIds === undefined && env.tags === undefined) return undefined;
  return {
    labels: ENVIRONMENT_LABELS,
    provider: named.provider ?? env.provider,
    region: named.region,
    instanceIds: env.instanceIds,
    tags: env.tags,
    account: named.account,
  };
}

/**
 * Parses one of our own forms at `base` (`""` for a direct event, `Message` inside an SCF timer event).
 * Returns undefined after recording problems. With no instances in the event, the environment's are used.
 */
export function parsePayload(
  record: EventRecord,
  base: string,
  env: EnvironmentSettings,
  problems: Problems,
): Payload | undefined {
  const label = (key: string) => joinPath(base, [key]);
  const mergeOptions = (options: EventOptions | undefined) => withOperatorSafety(env, definedOptions(options));

  if (Object.hasOwn(record, "group")) {
    const clashing = present(record, ["targets", ...TARGET_KEYS]);
    for (const key of clashing) {
      problems.bad(
        label(key),
        record[key],
        `is given next to group ${problems.show(record.group)}: send a group or instances, not both`,
      );
    }
    const event = problems.check(groupEventSchema, without(record, clashing), base);
    if (event === undefined || clashing.length > 0) return undefined;
    return withTime(
      { kind: "group" as const, group: event.group, options: mergeOptions(event.options) },
      event.scheduledTime,
    );
  }

  if (Object.hasOwn(record, "targets")) {
    const clashing = present(record, TARGET_KEYS);
    for (const key of clashing) {
      problems.bad(label(key), record[key], "is given next to targets: move it into the targets");
    }
    const event = problems.check(multiTargetEnvelopeSchema, without(record, clashing), base);
    if (event === undefined) return undefined;
    const drafts = targetDrafts(event.targets, base, problems);
    if (clashing.length > 0) return undefined;
    return withTime(
      {
        kind: "targets" as const,
        drafts,
        listLabel: label("targets"),
        fromEnvironment: false,
        options: mergeOptions(event.options),
      },
      event.scheduledTime,
    );
  }

  const bothIdKeys = present(record, ["instanceIds", "instanceids"]).length === 2;
  if (bothIdKeys) {
    problems.bad(
      label("instanceids"),
      record.instanceids,
      "is given next to instanceIds: use instanceIds only (instanceids is the classic console example's spelling)",
    );
  }
  const event = problems.check(singleTargetEventSchema, bothIdKeys ? without(record, ["instanceids"]) : record, base);
  if (event === undefined || bothIdKeys) return undefined;

  const labels = eventLabels(base, event.instanceids === undefined ? "instanceIds" : "instanceids");
  const named: Partial<TargetDraft> = {
    provider: event.provider === undefined ? undefined : { value: event.provider, from: labels.provider },
    region: event.region === undefined ? undefined : { value: event.region, from: labels.region },
    account: event.account,
  };
  const instanceIds = event.instanceIds ?? event.instanceids;
  const fromEnvironment = instanceIds === undefined && event.tags === undefined;
  let drafts: TargetDraft[];
  if (!fromEnvironment) {
    drafts = [
      {
        ...named,
        labels,
        instanceIds,
        tags: event.tags,
        ...(event.instanceids === undefined ? {} : classicDefault()),
      },
    ];
  } else {
    const draft = environmentDraft(env, named);
    drafts = draft === undefined ? [] : [draft];
  }
  return withTime(
    {
      kind: "targets" as const,
      drafts,
      listLabel: labels.target,
      fromEnvironment,
      options: mergeOptions(event.options),
    },
    event.scheduledTime,
  );
}

/** When the event names its own instances, the environment's are not used, but must still be well-formed IDs. */
export function checkUnusedEnvironment(env: EnvironmentSettings, problems: Problems): void {
  if (env.instanceIds !== undefined) {
    problems.check(z.array(anyInstanceIdSchema), env.instanceIds, ENVIRONMENT_LABELS.instanceIds);
  }
}

/** The classic example's cloud, when neither its `provider` nor its IDs tell it. */
function classicDefault(): { defaultProvider?: ProviderName } {
  const provider = classicEventProvider();
  return provider === undefined ? {} : { defaultProvider: provider };
}
