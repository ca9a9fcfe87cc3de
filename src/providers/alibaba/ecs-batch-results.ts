import type { ClassifiedFailure } from "../../domain/index.ts";
import { CloudApiError } from "../../errors.ts";
import { perInstanceKind } from "./ecs-failures.ts";

/** One instance's line of a SuccessFirst answer (`InstanceResponses.InstanceResponse[]`). */
export interface EcsInstanceResponse {
  readonly instanceId?: string;
  readonly code?: string;
  readonly message?: string;
  readonly previousStatus?: string;
  readonly currentStatus?: string;
}

export interface EcsRefusal {
  readonly code: string;
  readonly message: string;
  readonly previousStatus?: string;
}

/** A SuccessFirst answer read per instance: who was accepted (and its CurrentStatus), who was refused and why. */
export interface EcsBatchResults {
  readonly accepted: ReadonlyMap<string, string>;
  readonly refused: ReadonlyMap<string, EcsRefusal>;
}

/** `Code` "200" (the reference's sample) or an empty code means success. */
function succeeded(code: string | undefined): boolean {
  return code === undefined || code === "" || code === "200" || code.toLowerCase() === "success";
}

/**
 * Reads the per-instance lines. An instance of the call the answer does not mention is counted accepted only when
 * the answer lists no instance at all (an answer without InstanceResponses: AllTogether's shape, all applied).
 */
export function readBatchResults(
  asked: readonly string[],
  lines: readonly EcsInstanceResponse[] | undefined,
): EcsBatchResults {
  const accepted = new Map<string, string>();
  const refused = new Map<string, EcsRefusal>();
  const listed = lines ?? [];
  for (const line of listed) {
    const id = line.instanceId;
    if (!id) continue;
    if (succeeded(line.code)) {
      accepted.set(id, line.currentStatus ?? "");
    } else {
      refused.set(id, {
        code: line.code ?? "Unknown",
        message: line.message ?? "",
        ...(line.previousStatus ? { previousStatus: line.previousStatus } : {}),
      });
    }
  }
  if (listed.length === 0) for (const id of asked) accepted.set(id, "");
  return { accepted, refused };
}

/**
 * A SuccessFirst call in which some instances were refused. Today's engine knows only "the call succeeded" or "the
 * call failed", so the adapter throws this: classified `state` while others were accepted, the engine describes the
 * call's instances (the accepted ones show Stopping/Starting and are done) and re-sends only the refused ones, alone,
 * where the refusal's own code decides. It carries both lists, for an engine that reads per-instance results.
 */
export class EcsBatchRefusalError extends CloudApiError {
  constructor(
    readonly results: EcsBatchResults,
    action: string,
    requestId: string | undefined,
  ) {
    const [firstId, first] = [...results.refused][0] ?? ["?", { code: "Unknown", message: "" }];
    const more = results.refused.size > 1 ? ` and ${results.refused.size - 1} more` : "";
    super(
      first.code,
      `${action} refused ${firstId} (${first.code}: ${first.message})${more}; ${results.accepted.size} accepted`,
      { action, ...(requestId ? { requestId } : {}) },
    );
    this.name = "EcsBatchRefusalError";
  }

  /**
   * Some accepted: `state` (describe first, never a split or a whole-call failure that would touch the accepted);
   * none accepted but several codes: `refused` (the split isolates each); the kinds of per-instance codes are
   * never `global`, `throttle` or `transient` (see perInstanceKind).
   */
  classification(): ClassifiedFailure {
    if (this.results.accepted.size > 0) return { kind: "state" };
    const kinds = new Set([...this.results.refused.values()].map((refusal) => perInstanceKind(refusal.code)));
    const [only] = kinds;
    return kinds.size === 1 && only !== undefined ? { kind: only } : { kind: "refused" };
  }
}

/** Throws when any instance was refused; all refused with one code is the plain error of that code. */
export function throwOnRefusals(results: EcsBatchResults, action: string, requestId: string | undefined): void {
  if (results.refused.size === 0) return;
  const codes = new Set([...results.refused.values()].map((refusal) => refusal.code));
  if (results.accepted.size === 0 && codes.size === 1) {
    const [[id, refusal]] = [...results.refused] as [[string, EcsRefusal]];
    const ids = [...results.refused.keys()];
    throw new CloudApiError(
      refusal.code,
      `${refusal.message || refusal.code} (${ids.length === 1 ? id : `${ids.length} instances`})`,
      { action, ...(requestId ? { requestId } : {}) },
    );
  }
  throw new EcsBatchRefusalError(results, action, requestId);
}
