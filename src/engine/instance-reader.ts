import type { InstanceView } from "../domain/index.ts";
import { type CloudApiError, TimeBudgetExhaustedError } from "../errors.ts";
import type { ComputeProvider } from "../providers/index.ts";
import { chunk, halves } from "./batches.ts";
import { asCloudError } from "./call-with-retry.ts";
import type { InstanceLedger } from "./instance-ledger.ts";
import type { TargetCalls } from "./target-calls.ts";

/** A page of IDs described: the views of the IDs asked for, or the failure that left them unanswered. */
export interface DescribedPage {
  readonly views: InstanceView[];
  readonly error?: CloudApiError;
}

/** Many IDs described in pages: the views of the pages that answered, and why each of the others was not. */
export interface DescribedMany {
  readonly views: Map<string, InstanceView>;
  readonly unanswered: Map<string, CloudApiError>;
}

/**
 * Reads instances by their IDs, in pages of the provider's maxIdsPerCall. An unknown ID that fails a describe is
 * isolated by halving and settled not-found in the ledger; any other failure is returned for the caller to decide on.
 */
export class InstanceReader {
  constructor(
    private readonly provider: ComputeProvider,
    private readonly calls: TargetCalls,
    private readonly ledger: InstanceLedger,
  ) {}

  /** Settles an instance the cloud does not know, with the cloud's own code. */
  notFound(id: string): void {
    this.ledger.settle(id, "not-found", this.provider.notFoundCode, "no such instance in this region");
  }

  /** Describes up to maxIdsPerCall IDs; views of other IDs in the answer are left out. */
  async describeIds(ids: readonly string[], final = false): Promise<DescribedPage> {
    try {
      const views = await this.calls.describe((call) => this.provider.describeByIds(ids, call), final);
      const asked = new Set(ids);
      return { views: views.filter((view) => asked.has(view.instanceId)) };
    } catch (thrown) {
      const error = asCloudError(thrown, this.provider.actionNames.describe);
      if (error instanceof TimeBudgetExhaustedError) return { views: [], error };
      if (this.provider.classify(error, "describe").kind === "not-found") {
        if (ids.length === 1) {
          for (const id of ids) this.notFound(id);
          return { views: [] };
        }
        const [left, right] = halves(ids);
        const parts = await Promise.all([this.describeIds(left, final), this.describeIds(right, final)]);
        const error = parts.find((part) => part.error)?.error;
        return { views: parts.flatMap((part) => part.views), ...(error ? { error } : {}) };
      }
      return { views: [], error };
    }
  }

  /** Describes any number of IDs, every page at once. */
  async describeMany(ids: readonly string[], final = false): Promise<DescribedMany> {
    const views = new Map<string, InstanceView>();
    const unanswered = new Map<string, CloudApiError>();
    await Promise.all(
      chunk(ids, this.provider.maxIdsPerCall).map(async (page) => {
        const described = await this.describeIds(page, final);
        for (const view of described.views) views.set(view.instanceId, view);
        if (described.error) {
          for (const id of page) if (!views.has(id)) unanswered.set(id, described.error);
        }
      }),
    );
    return { views, unanswered };
  }
}
