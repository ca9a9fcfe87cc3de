/**
 * Describes a schedule group's instances in one region through the same provider the functions use: its listed IDs in
 * pages of the provider's maximum, its tag selection page by page. Read-only: no start or stop call, ever. A throttled
 * or failed describe is tried again a few times; a listed ID the cloud does not know is reported missing.
 */
import type { InstanceView, Tags } from "../domain/index.ts";
import type { Clock } from "../engine/index.ts";
import { CloudApiError } from "../errors.ts";
import type { ComputeProvider } from "../providers/index.ts";

export interface DescribedRegion {
  readonly views: readonly InstanceView[];
  /** Listed IDs the cloud does not know. */
  readonly missing: readonly string[];
  /** Describe calls made (retries included). */
  readonly calls: number;
}

const ATTEMPTS = 4;
const RETRYABLE = new Set(["throttle", "transient", "uncertain"]);

export async function describeGroupRegion(
  provider: ComputeProvider,
  target: { readonly instanceIds: readonly string[]; readonly tags: Tags },
  clock: Clock,
): Promise<DescribedRegion> {
  let calls = 0;
  async function call<T>(describe: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      calls++;
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
  }
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
    const first = await call(() => provider.describeByTags(target.tags, undefined));
    add(first.instances);
    if (first.remainingCursors !== undefined) {
      const pages = await Promise.all(
        first.remainingCursors.map((cursor) => call(() => provider.describeByTags(target.tags, cursor))),
      );
      for (const page of pages) add(page.instances);
    } else {
      let cursor = first.nextCursor;
      while (cursor !== undefined) {
        const page = await call(() => provider.describeByTags(target.tags, cursor));
        add(page.instances);
        cursor = page.nextCursor;
      }
    }
  }
  return { views: [...seen.values()], missing, calls };
}
