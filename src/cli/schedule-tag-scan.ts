/**
 * The part of `powercron status` that looks for schedule tags naming no schedule: in every cloud, region and account
 * the shown groups reach, the instances with a `powercron:schedule` tag of any value (a describe by tag key), those
 * whose value is none of the config's schedules reported with a "did you mean" when a schedule's name is close, never
 * guessed. Read-only. CLI only, so that the functions' bundles leave it out.
 */
import { type InstanceView, type ProviderName, SCHEDULE_TAG } from "../domain/index.ts";
import { type Clock, systemClock } from "../engine/index.ts";
import { closestKey } from "../input/index.ts";
import type { ProviderFactory } from "../providers/index.ts";
import { describeTagKeyRegion } from "../runtime/index.ts";
import type { ScheduleGroup } from "../schedule/index.ts";

export interface UnknownScheduleTag {
  readonly instanceId: string;
  readonly provider: ProviderName;
  readonly region: string;
  /** The config's account the instance was found through; absent = the function's own. */
  readonly account?: string;
  /** The tag's value, which names no schedule. */
  readonly value: string;
  /** The schedule whose name is closest to the value, if one is close. */
  readonly didYouMean?: string;
}

/** Where to look for schedule tags: each cloud, region and account the given groups reach, once. */
export interface TagScanPlace {
  readonly provider: ProviderName;
  readonly region: string;
  readonly account?: string;
}

/** Every cloud, region and account the groups reach, each once, in the groups' order. */
export function tagScanPlaces(groups: readonly ScheduleGroup[]): TagScanPlace[] {
  const places = new Map<string, TagScanPlace>();
  for (const group of groups) {
    for (const account of group.accounts ?? [undefined]) {
      for (const region of group.regions) {
        const key = `${group.provider}:${region}:${account ?? ""}`;
        if (!places.has(key)) {
          places.set(key, { provider: group.provider, region, ...(account === undefined ? {} : { account }) });
        }
      }
    }
  }
  return [...places.values()];
}

/** The instances of one place whose schedule tag names no schedule, with the closest name when one is close. */
export function unknownScheduleTags(
  place: TagScanPlace,
  views: readonly InstanceView[],
  known: readonly string[],
): UnknownScheduleTag[] {
  return views.flatMap((view) => {
    const value = Object.hasOwn(view.tags, SCHEDULE_TAG) ? view.tags[SCHEDULE_TAG] : undefined;
    if (value === undefined || known.includes(value)) return [];
    const close = closestKey(value, known);
    return [{ instanceId: view.instanceId, ...place, value, ...(close === undefined ? {} : { didYouMean: close }) }];
  });
}

/** `i-0abc (aws eu-west-1): powercron:schedule "ofice-hours" names no schedule; did you mean "office-hours"?` */
export function renderUnknownScheduleTags(found: readonly UnknownScheduleTag[], known: readonly string[]): string[] {
  if (found.length === 0) return [];
  const names = known.length > 0 ? `schedules: ${known.join(", ")}` : "the config has no schedules";
  return [
    `${SCHEDULE_TAG} naming no schedule (${names}); these instances follow no schedule through it:`,
    ...found.map((tag) => {
      const where = `${tag.provider} ${tag.region}${tag.account === undefined ? "" : ` account ${tag.account}`}`;
      const hint = tag.didYouMean === undefined ? "" : `; did you mean "${tag.didYouMean}"?`;
      return `  ${tag.instanceId} (${where}): "${tag.value}" names no schedule${hint}`;
    }),
  ];
}

/** The instances whose schedule tag names none of `known`, in every place the groups reach. */
export async function findUnknownScheduleTags(
  groups: readonly ScheduleGroup[],
  known: readonly string[],
  providers: ProviderFactory,
  clock: Clock = systemClock,
): Promise<UnknownScheduleTag[]> {
  const found = await Promise.all(
    tagScanPlaces(groups).map(async (place) => {
      const provider = await providers(place.provider, place.region, place.account);
      return unknownScheduleTags(place, await describeTagKeyRegion(provider, SCHEDULE_TAG, clock), known);
    }),
  );
  return found.flat();
}
