import type { InstanceView, Tags } from "../domain/index.ts";
import type { ComputeProvider } from "../providers/index.ts";
import { asCloudError } from "./call-with-retry.ts";
import { type InstanceLedger, Mark } from "./instance-ledger.ts";
import type { TargetCalls } from "./target-calls.ts";

/** Describe pages of one selection read at the same time when the cloud gives every page's cursor at once (CVM). */
export const PAGE_READERS = 16;

export interface TagSelection {
  readonly tags: Tags;
  /** Waited for before each page after the first (room in the action backlog). */
  readonly room: () => Promise<void>;
  /** Takes each page's instances as the page arrives (already marked selected by tags). */
  readonly keep: (views: readonly InstanceView[]) => void;
}

/**
 * Reads the instances the tags select, page by page (or every remaining page at once when the first page names all
 * their cursors), marking each selected by tags in the ledger. A failed page ends the selection: the pages already
 * read keep their instances, and the failure is settled in the ledger under `tags:key=value,...`.
 */
export async function readTagPages(
  provider: ComputeProvider,
  calls: TargetCalls,
  ledger: InstanceLedger,
  selection: TagSelection,
): Promise<void> {
  const keep = (views: readonly InstanceView[]) => {
    for (const view of views) ledger.mark(view.instanceId, Mark.selectedByTags);
    selection.keep(views);
  };
  const page = async (cursor: string | undefined) => {
    if (cursor !== undefined) await selection.room();
    return calls.describe((call) => provider.describeByTags(selection.tags, cursor, call));
  };
  try {
    let current = await page(undefined);
    keep(current.instances);
    if (current.remainingCursors) {
      const cursors = current.remainingCursors.values();
      const reader = async () => {
        for (const cursor of cursors) keep((await page(cursor)).instances);
      };
      await Promise.all(Array.from({ length: PAGE_READERS }, reader));
    }
    while (current.nextCursor) {
      current = await page(current.nextCursor);
      keep(current.instances);
    }
  } catch (thrown) {
    const error = asCloudError(thrown, provider.actionNames.describe);
    ledger.settle(
      tagSelectionLabel(selection.tags),
      "failed",
      error.code,
      `selecting by tags failed: ${error.message}`,
    );
  }
}

/** The report's row of a tag selection that failed as a whole: `tags:key=value,...`. */
export function tagSelectionLabel(tags: Tags): string {
  return `tags:${Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(",")}`;
}
