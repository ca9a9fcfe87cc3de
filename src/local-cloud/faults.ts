import { InvalidInputError } from "../errors.ts";
import { hashToUnit } from "./random.ts";

/** The faults the local cloud can inject into an API call. */
export const FAULT_KINDS = [
  /** Answer RequestLimitExceeded. Nothing applied. */
  "throttle",
  /** Answer InternalError or a bare HTTP 502, alternately. Nothing applied. */
  "serverError",
  /** Apply the request, hold the answer for `hangMs`, then destroy the socket. */
  "hang",
  /** Apply the request, then destroy the socket without answering: the answer is lost at once. */
  "lost",
  /** Tencent: RequestLimitExceeded.GlobalRegionUinLimitExceeded (EC2: RequestLimitExceeded). Nothing applied. */
  "throttleGlobal",
  /** Tencent: RequestLimitExceeded.IPLimitExceeded (EC2: RequestLimitExceeded). Nothing applied. */
  "throttleIp",
  /**
   * Accept a start/stop and answer success, but every instance of the call falls back to its previous state:
   * Tencent LatestOperationState FAILED with LatestOperationErrorMsg; EC2 (start only) pending → stopped with
   * StateReason Client.InternalError. No effect on other actions.
   */
  "opFailed",
  /** Refuse the call as the caller's policy does not allow it (EC2 UnauthorizedOperation, ECS Forbidden.RAM). */
  "denied",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Faults of one API action (`*`: every action). Rates (0..1) draw a fault at random for each call; an action's own
 * rate wins kind by kind over `*`. `at` targets exact calls: key `"N"` or `"N-M"` (1-based numbers of the calls of
 * this action per provider, over all regions, counting only calls that passed authentication and the rate limits),
 * value the fault; it wins over any rate.
 */
export type FaultRates = { [K in FaultKind]?: number } & { at?: Record<string, FaultKind> };
export type FaultSpec = Record<string, FaultRates>;

const ACTION = /^(?:\*|[A-Z][A-Za-z0-9]*)$/;
const CALLS = /^([1-9][0-9]*)(?:-([1-9][0-9]*))?$/;

function isFaultKind(kind: string): kind is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(kind);
}

/** `"3"` → [3, 3], `"2-5"` → [2, 5]; undefined when malformed. */
function callRange(text: string): [number, number] | undefined {
  const match = CALLS.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return to >= from ? [from, to] : undefined;
}

/**
 * Parses the text form. Groups are separated by `;`, each `Action:items` (or just `items` for every action); items
 * are separated by `,`, each `kind=rate` (a random share of the calls) or `kind@N` / `kind@N-M` (exactly the N-th,
 * or N-th to M-th, calls). Examples: `throttle=0.2,hang=0.02`, `StopInstances:throttle=0.5;*:hang=0.01`,
 * `StartInstances:lost@1,throttleGlobal@2-3`. Errors name the bad part.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  const trimmed = text.trim();
  if (trimmed === "") return spec;
  const kinds = FAULT_KINDS.join(", ");
  for (const rawGroup of trimmed.split(";")) {
    const group = rawGroup.trim();
    if (group === "") continue;
    const colon = group.indexOf(":");
    const action = colon === -1 ? "*" : group.slice(0, colon).trim();
    const body = colon === -1 ? group : group.slice(colon + 1);
    if (!ACTION.test(action)) {
      throw new InvalidInputError(`Fault spec part "${group}": "${action}" is not an API action name or *`);
    }
    const rates: FaultRates = spec[action] ?? {};
    for (const rawItem of body.split(",")) {
      const item = rawItem.trim();
      const match = /^([A-Za-z]+)\s*(?:=\s*([0-9.eE+-]+)|@\s*([0-9-]+))$/.exec(item);
      if (!match) {
        throw new InvalidInputError(
          `Fault spec part "${item}" must look like kind=rate (throttle=0.1) or kind@call (lost@1, throttle@2-4)`,
        );
      }
      const [, kind = "", rateText, callsText] = match;
      if (!isFaultKind(kind))
        throw new InvalidInputError(`Fault spec part "${item}": unknown fault "${kind}" (${kinds})`);
      if (callsText !== undefined) {
        if (!callRange(callsText)) {
          throw new InvalidInputError(
            `Fault spec part "${item}": "${callsText}" is not a call number N or range N-M (from 1, N ≤ M)`,
          );
        }
        rates.at = { ...rates.at, [callsText]: kind };
        continue;
      }
      const rate = Number(rateText);
      if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
        throw new InvalidInputError(`Fault spec part "${item}": rate must be a number from 0 to 1`);
      }
      rates[kind] = rate;
    }
    spec[action] = rates;
  }
  validateFaultSpec(spec);
  return spec;
}

/** Checks what the types cannot: rates adding up to at most 1, well-formed and non-overlapping call targets. */
export function validateFaultSpec(spec: FaultSpec): void {
  for (const [action, rates] of Object.entries(spec)) {
    if (!ACTION.test(action)) throw new InvalidInputError(`Fault spec: "${action}" is not an API action name or *`);
    const total = FAULT_KINDS.reduce((sum, kind) => sum + (rates[kind] ?? 0), 0);
    if (total > 1 + 1e-9) {
      throw new InvalidInputError(`Fault rates of "${action}" add up to ${total}, more than 1`);
    }
    const ranges: Array<{ text: string; from: number; to: number }> = [];
    for (const [text, kind] of Object.entries(rates.at ?? {})) {
      const range = callRange(text);
      if (!range) {
        throw new InvalidInputError(
          `Fault spec "${action}" at "${text}": not a call number N or range N-M (from 1, N ≤ M)`,
        );
      }
      if (!isFaultKind(kind)) {
        throw new InvalidInputError(`Fault spec "${action}" at "${text}": unknown fault "${String(kind)}"`);
      }
      const [from, to] = range;
      const overlap = ranges.find((other) => from <= other.to && other.from <= to);
      if (overlap) {
        throw new InvalidInputError(`Fault spec "${action}": calls "${text}" and "${overlap.text}" overlap`);
      }
      ranges.push({ text, from, to });
    }
  }
}

/** The fault targeted at call number `n`, if any. */
function targeted(at: Record<string, FaultKind> | undefined, n: number): FaultKind | undefined {
  for (const [text, kind] of Object.entries(at ?? {})) {
    const range = callRange(text);
    if (range && n >= range[0] && n <= range[1]) return kind;
  }
  return undefined;
}

/**
 * Decides the fault of each call. The random draw for the n-th call of a (provider, region, action) depends only on
 * the seed and n, so a run is reproducible even when calls to different actions interleave differently. Targeted
 * faults count the calls of an action per provider, over all regions.
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

  private count(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  draw(provider: string, region: string, action: string): FaultKind | undefined {
    if (!this.enabled) return undefined;
    const own = this.spec[action] ?? {};
    const every = this.spec["*"] ?? {};
    const callNumber = this.count(`${provider}//${action}`);
    const key = `${provider}/${region}/${action}`;
    const n = this.count(key);
    const aimed = targeted(own.at, callNumber) ?? targeted(every.at, callNumber);
    if (aimed) return aimed;
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
