/**
 * The part of `powercron status` that looks for schedule tags naming no schedule: in every cloud, region and account
 * the shown groups reach, the instances with a `powercron:schedule` tag of any value (a describe by tag key), those
 * whose value is none of the config's schedules reported. Read-only.
 */
import { SCHEDULE_TAG } from "../domain/index.ts";
import { type Clock, systemClock } from "../engine/index.ts";
import type { ProviderFactory } from "../providers/index.ts";
import { describeTagKeyRegion } from "../runtime/index.ts";
import { type ScheduleGroup, tagScanPlaces, type UnknownScheduleTag, unknownScheduleTags } from "../schedule/index.ts";

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
