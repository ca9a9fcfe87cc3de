import { InvalidInputError } from "../errors.ts";
import { hashToUnit } from "./random.ts";

/** Fault rates (0..1) per API action; `*` applies to every action. An action's own entry wins field by field. */
export interface FaultRates {
  /** Answer RequestLimitExceeded. */
  throttle?: number;
  /** Answer InternalError or a bare HTTP 502, alternately. The request is not applied. */
  serverError?: number;
  /** Apply the request, hold the answer for `hangMs`, then destroy the socket. */
  hang?: number;
}
export type FaultSpec = Record<string, FaultRates>;

export type FaultKind = "throttle" | "serverError" | "hang";
const FAULT_KINDS: readonly FaultKind[] = ["throttle", "serverError", "hang"];

/**
 * Parses `throttle=0.2,serverError=0.05,hang=0.02` (every action) or the per-action form
 * `StopInstances:throttle=0.5;*:hang=0.01`. Errors name the bad part.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  const trimmed = text.trim();
  if (trimmed === "") return spec;
  for (const rawGroup of trimmed.split(";")) {
    const group = rawGroup.trim();
    if (group === "") continue;
    const colon = group.indexOf(":");
    const action = colon === -1 ? "*" : group.slice(0, colon).trim();
    const body = colon === -1 ? group : group.slice(colon + 1);
    if (!/^(?:\*|[A-Z][A-Za-z0-9]*)$/.test(action)) {
      throw new InvalidInputError(`Fault spec part "${group}": "${action}" is not an API action name or *`);
    }
    const rates: FaultRates = spec[action] ?? {};
    for (const rawPair of body.split(",")) {
      const pair = rawPair.trim();
      const match = /^([A-Za-z]+)\s*=\s*([0-9.eE+-]+)$/.exec(pair);
      if (!match) throw new InvalidInputError(`Fault spec part "${pair}" must look like kind=rate (throttle=0.1)`);
      const [, kind = "", rateText = ""] = match;
      if (!FAULT_KINDS.includes(kind as FaultKind)) {
        throw new InvalidInputError(`Fault spec part "${pair}": unknown fault "${kind}" (throttle, serverError, hang)`);
      }
      const rate = Number(rateText);
      if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
        throw new InvalidInputError(`Fault spec part "${pair}": rate must be a number from 0 to 1`);
      }
      rates[kind as FaultKind] = rate;
    }
    spec[action] = rates;
  }
  validateFaultSpec(spec);
  return spec;
}

export function validateFaultSpec(spec: FaultSpec): void {
  for (const [action, rates] of Object.entries(spec)) {
    const total = FAULT_KINDS.reduce((sum, kind) => sum + (rates[kind] ?? 0), 0);
    if (total > 1 + 1e-9) {
      throw new InvalidInputError(`Fault rates of "${action}" add up to ${total}, more than 1`);
    }
  }
}

/**
 * Decides the fault of each call. The draw for the n-th call of a (provider, region, action) depends only on the seed
 * and n, so a run is reproducible even when calls to different actions interleave differently.
 */
export class FaultInjector {
  private readonly counters = new Map<string, number>();
  private serverErrors = 0;

  constructor(
    private readonly spec: FaultSpec,
    private readonly seed: number,
  ) {}

  get enabled(): boolean {
    return Object.keys(this.spec).length > 0;
  }

  draw(provider: string, region: string, action: string): FaultKind | undefined {
    if (!this.enabled) return undefined;
    const own = this.spec[action] ?? {};
    const every = this.spec["*"] ?? {};
    const key = `${provider}/${region}/${action}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const u = hashToUnit(this.seed, `${key}#${n}`);
    let threshold = 0;
    for (const kind of FAULT_KINDS) {
      threshold += own[kind] ?? every[kind] ?? 0;
      if (u < threshold) return kind;
    }
    return undefined;
  }

  /** Server errors alternate: an InternalError answer first, then a bare HTTP 502. */
  nextServerErrorIsBare(): boolean {
    this.serverErrors++;
    return this.serverErrors % 2 === 0;
  }
}
