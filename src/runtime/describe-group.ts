/**
 * Describes a schedule group's instances in one region through the same provider the functions use: its listed IDs in
 * pages of the provider's maximum, its tag selection page by page. Read-only: no start or stop call, ever. A throttled
 * or failed describe is tried again a few times; a listed ID the cloud does not know is reported missing. Also the
 * instances of a region that carry a tag key whatever its value (schedule tags that name no schedule).
 */
import type { InstanceView, Tags } from "../domain/index.ts";
import type { Clock } from "../engine/index.ts";
import { CloudApiError } from "../errors.ts";
import type { ComputeProvider, InstancePage } from "../providers/index.ts";

export interface DescribedRegion {
  readonly views: readonly InstanceView[];
  /** Listed IDs the cloud does not know. */
  readonly missing: readonly string[];
  /** Describe calls made (retries included). */
  readonly calls: number;
}

const ATTEMPTS = 4;
const RETRYABLE = new Set(["throttle", "transient", "uncertain"]);

/** A describe, tried again a few times when it was throttled or failed on the way; `count` is told of every try. */
function retrying(provider: ComputeProvider, clock: Clock, count: () => void) {
  return async function call<T>(describe: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      count();
      try {
        return await describe();
      } catch (error) {
        const retry =
          error instanceof CloudApiError &&
          attempt < ATTEMPTS &&
          RETRYABLE.has(provider.classify(error, "describe").kind);
        if (!retry) throw error;
        await clock.sleep(200 * 2 ** attempt);
      }
    }
  };
}

/** Every page of a selection: all remaining pages at once when the first names their cursors, else one by one. */
async function readPages(
  page: (cursor: string | undefined) => Promise<InstancePage>,
  add: (views: readonly InstanceView[]) => void,
): Promise<void> {
  const first = await page(undefined);
  add(first.instances);
  if (first.remainingCursors !== undefined) {
    const pages = await Promise.all(first.remainingCursors.map((cursor) => page(cursor)));
    for (const next of pages) add(next.instances);
    return;
  }
  let cursor = first.nextCursor;
  while (cursor !== undefined) {
    const next = await page(cursor);
    add(next.instances);
    cursor = next.nextCursor;
  }
}

export async function describeGroupRegion(
  provider: ComputeProvider,
  target: { readonly instanceIds: readonly string[]; readonly tags: Tags },
  clock: Clock,
): Promise<DescribedRegion> {
  let calls = 0;
  const call = retrying(provider, clock, () => calls++);
  const seen = new Map<string, InstanceView>();
  const missing: string[] = [];
  const add = (views: readonly InstanceView[]) => {
    for (const view of views) seen.set(view.instanceId, view);
  };
  async function describeIds(ids: readonly string[]): Promise<void> {
    try {
      add(await call(() => provider.describeByIds(ids)));
    } catch (error) {
      const notFound = error instanceof CloudApiError && provider.classify(error, "describe").kind === "not-found";
      if (!notFound) throw error;
      if (ids.length === 1) return;
      // Find the unknown ones: each ID on its own.
      for (const id of ids) await describeIds([id]);
    }
  }
  const ids = [...new Set(target.instanceIds)];
  for (let index = 0; index < ids.length; index += provider.maxIdsPerCall) {
    await describeIds(ids.slice(index, index + provider.maxIdsPerCall));
  }
  for (const id of ids) if (!seen.has(id)) missing.push(id);
  if (Object.keys(target.tags).length > 0) {
    await readPages((cursor) => call(() => provider.describeByTags(target.tags, cursor)), add);
  }
  return { views: [...seen.values()], missing, calls };
}

/**
 * The instances of one region that carry a tag with this key, whatever its value; none where the provider cannot
 * describe by tag key (a fake). Read-only, tried again as the group's describes are.
 */
export async function describeTagKeyRegion(
  provider: ComputeProvider,
  key: string,
  clock: Clock,
): Promise<readonly InstanceView[]> {
  const byKey = provider.describeByTagKey?.bind(provider);
  if (byKey === undefined) return [];
  const call = retrying(provider, clock, () => {});
  const seen = new Map<string, InstanceView>();
  await readPages(
    (cursor) => call(() => byKey(key, cursor)),
    (views) => {
      for (const view of views) seen.set(view.instanceId, view);
    },
  );
  return [...seen.values()];
}
