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
 * A SuccessFirst call in which every instance was refused, for more than one reason. Classified `refused` (the split
 * isolates each reason), or the one per-instance kind they share. A call in which some were accepted throws nothing:
 * its refusals come back per instance (refusalErrors, ActionResponse.refused) and the engine recovers each alone.
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

  /** The kinds of per-instance codes are never `global`, `throttle` or `transient` (see perInstanceKind). */
  classification(): ClassifiedFailure {
    const kinds = new Set([...this.results.refused.values()].map((refusal) => perInstanceKind(refusal.code)));
    const [only] = kinds;
    return kinds.size === 1 && only !== undefined ? { kind: only } : { kind: "refused" };
  }
}

/**
 * Throws when every instance was refused: with one code, the plain error of that code; with several, an
 * EcsBatchRefusalError. Some accepted: nothing is thrown (the refusals are read per instance).
 */
export function throwOnRefusals(results: EcsBatchResults, action: string, requestId: string | undefined): void {
  if (results.refused.size === 0 || results.accepted.size > 0) return;
  const codes = new Set([...results.refused.values()].map((refusal) => refusal.code));
  if (codes.size === 1) {
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

/** Each refused instance's own error (its Code and Message), for ActionResponse.refused. */
export function refusalErrors(
  results: EcsBatchResults,
  action: string,
  requestId: string | undefined,
): Map<string, CloudApiError> {
  const errors = new Map<string, CloudApiError>();
  for (const [id, refusal] of results.refused) {
    errors.set(
      id,
      new CloudApiError(refusal.code, `${refusal.message || refusal.code} (${id})`, {
        action,
        ...(requestId ? { requestId } : {}),
      }),
    );
  }
  return errors;
}
