import type { Tags } from "../../src/domain/types.ts";
import { CloudApiError } from "../../src/errors.ts";
import type { CallOptions, ProviderTagging } from "../../src/providers/compute-provider.ts";
import { type FakeInstance, FakeProvider } from "./fake-provider.ts";

export interface TagCall {
  readonly kind: "tag" | "untag";
  readonly ids: readonly string[];
  readonly change: Tags | readonly string[];
  /** Whether the call changed the instances' tags. */
  readonly applied: boolean;
}

/**
 * The in-memory cloud (FakeProvider) with tagging calls: records them, applies them to the instances, and fails them
 * the ways real tagging calls fail: refused or throttled before anything is applied (`failTagging`), one instance the
 * cloud will not tag failing the whole call (`refusesTagging`), an answer lost after the tags were applied
 * (`loseTaggingAnswers`), and a hook that runs before each call reaches the cloud (`beforeTagging`: someone else
 * acting, or a test holding the call).
 */
export class TaggingCloud extends FakeProvider {
  readonly tagCalls: TagCall[] = [];
  /** Codes the next tagging calls fail with, in order ("" passes), before anything is applied. */
  readonly failTagging: string[] = [];
  /** Instances the cloud refuses to tag: any call naming one fails as a whole, nothing applied. */
  readonly refusesTagging = new Set<string>();
  /** The next this-many tagging calls are applied, and then their answer is lost (RequestTimeout). */
  loseTaggingAnswers = 0;
  /** Awaited before each tagging call reaches the cloud. */
  beforeTagging: ((ids: readonly string[]) => Promise<void> | void) | undefined;
  maxTagIds = 50;
  maxValueLength = 256;

  get tagging(): ProviderTagging {
    return {
      maxIdsPerCall: this.maxTagIds,
      callsPerSecond: 10,
      maxValueLength: this.maxValueLength,
      actionNames: { tag: "CreateTags", untag: "DeleteTags" },
      tag: async (ids: readonly string[], tags: Tags, _call?: CallOptions) => this.retag("tag", ids, tags),
      untag: async (ids: readonly string[], keys: readonly string[], _call?: CallOptions) =>
        this.retag("untag", ids, keys),
    };
  }

  private async retag(kind: "tag" | "untag", ids: readonly string[], change: Tags | readonly string[]) {
    await this.beforeTagging?.(ids);
    const code = this.failTagging.shift();
    const refused = ids.find((id) => this.refusesTagging.has(id));
    this.tagCalls.push({ kind, ids, change, applied: !code && !refused });
    if (code) throw new CloudApiError(code, `injected ${code}`, { action: kind });
    if (refused) throw new CloudApiError("InvalidInstanceID.NotFound", `no ${refused}`, { action: kind });
    for (const id of ids) {
      const instance = this.instances.get(id) as FakeInstance;
      const tags = { ...instance.tags };
      if (kind === "tag") Object.assign(tags, change);
      else for (const key of change as readonly string[]) delete tags[key];
      instance.tags = tags;
    }
    if (this.loseTaggingAnswers > 0) {
      this.loseTaggingAnswers--;
      throw new CloudApiError("RequestTimeout", "the answer was lost after the tags were applied", { action: kind });
    }
  }

  tagsOf(id: string): Tags {
    return this.instances.get(id)?.tags ?? {};
  }
}
