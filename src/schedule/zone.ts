/**
 * Wall-clock arithmetic in IANA time zones through Intl, with no dependency on the process's own zone. Pure: every
 * instant is passed in.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A wall-clock time in some zone. `month` is 1-12; `dayOfWeek` is 0-6, Sunday first. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly dayOfWeek: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (cron-parser does not check zones when parsing). */
export function isValidZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant` straight from Intl, in minutes. */
function intlOffsetMinutes(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return Math.round((asUtc - Math.floor(instant / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/**
 * Offsets change only at instants that are whole quarter hours of UTC (every offset in use is a multiple of 15
 * minutes, and transitions happen at whole local minutes of such offsets), and at most once a day: a UTC day whose
 * first and last quarter hours have the same offset has it throughout; any other day is read by the quarter hour.
 */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_OFFSETS = 500_000;
/** zone → UTC day → the day's offset, or null when it changes that day; zone → quarter hour → offset. */
const dayOffsets = new Map<string, Map<number, number | null>>();
const quarterOffsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;

function cacheOf<K, V>(caches: Map<string, Map<K, V>>, zone: string): Map<K, V> {
  if (cachedOffsets >= MAX_CACHED_OFFSETS) {
    dayOffsets.clear();
    quarterOffsets.clear();
    cachedOffsets = 0;
  }
  let cache = caches.get(zone);
  if (cache === undefined) {
    cache = new Map();
    caches.set(zone, cache);
  }
  return cache;
}

function quarterOffset(zone: string, instant: number): number {
  const bucket = Math.floor(instant / OFFSET_BUCKET_MS);
  const cache = cacheOf(quarterOffsets, zone);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = intlOffsetMinutes(zone, bucket * OFFSET_BUCKET_MS);
    cache.set(bucket, offset);
    cachedOffsets++;
  }
  return offset;
}

/**
 * A zone's offsets compiled ahead (zoneTable; the SCF tick front reads them so that a tick needs no Intl time-zone
 * data, whose first load costs more than the rest of the tick): the offset at `from` and each change in [from, to).
 */
export interface ZoneTable {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
  /** Each change: its first instant and the offset from then on, in order. */
  readonly changes: readonly (readonly [at: number, offset: number])[];
}

/** The zone's table over [from, to), from its transitions (found as transitionsInSpan finds them). */
export function zoneTable(zone: string, from: number, to: number): ZoneTable {
  return {
    from,
    to,
    offset: offsetMinutesAt(zone, from),
    changes: transitionsInSpan(zone, from, to).map((transition) => [transition.at, transition.offsetAfter] as const),
  };
}

let activeTables: Readonly<Record<string, ZoneTable>> | undefined;

/**
 * Runs `read` with the offsets of the zones in `tables` read from them, for the instants they cover (Intl for the
 * others, and after `read` returns). Nothing read from a table is cached.
 */
export function withZoneTables<T>(tables: Readonly<Record<string, ZoneTable>>, read: () => T): T {
  const before = activeTables;
  activeTables = tables;
  try {
    return read();
  } finally {
    activeTables = before;
  }
}

function tableOffset(zone: string, instant: number): number | undefined {
  const table = activeTables !== undefined && Object.hasOwn(activeTables, zone) ? activeTables[zone] : undefined;
  if (table === undefined || instant < table.from || instant >= table.to) return undefined;
  let offset = table.offset;
  for (const [at, after] of table.changes) {
    if (at > instant) break;
    offset = after;
  }
  return offset;
}

/** The zone's offset from UTC at `instant`, in minutes (Berlin in summer: 120). */
export function offsetMinutesAt(zone: string, instant: number): number {
  const compiled = tableOffset(zone, instant);
  if (compiled !== undefined) return compiled;
  const day = Math.floor(instant / DAY_MS);
  const cache = cacheOf(dayOffsets, zone);
  let offset = cache.get(day);
  if (offset === undefined) {
    const first = quarterOffset(zone, day * DAY_MS);
    const last = quarterOffset(zone, (day + 1) * DAY_MS - OFFSET_BUCKET_MS);
    offset = first === last ? first : null;
    cache.set(day, offset);
    cachedOffsets++;
  }
  return offset ?? quarterOffset(zone, instant);
}

/** The wall-clock time at `instant` in `zone`. */
export function localTimeAt(zone: string, instant: number): LocalTime {
  const shifted = new Date(Math.floor(instant / MINUTE_MS) * MINUTE_MS + offsetMinutesAt(zone, instant) * MINUTE_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    dayOfWeek: shifted.getUTCDay(),
  };
}

/**
 * The instants at which the zone's clocks show this wall time, earliest first: none in a spring-forward gap, two in a
 * fall-back overlap, else one.
 */
export function instantsOfLocalTime(
  zone: string,
  wall: { year: number; month: number; day: number; hour: number; minute: number },
): number[] {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsets = new Set([offsetMinutesAt(zone, asUtc - DAY_MS), offsetMinutesAt(zone, asUtc + DAY_MS)]);
  const instants: number[] = [];
  for (const offset of offsets) {
    const instant = asUtc - offset * MINUTE_MS;
    const local = localTimeAt(zone, instant);
    if (
      local.year === wall.year &&
      local.month === wall.month &&
      local.day === wall.day &&
      local.hour === wall.hour &&
      local.minute === wall.minute &&
      !instants.includes(instant)
    ) {
      instants.push(instant);
    }
  }
  return instants.sort((a, b) => a - b);
}

/** The zone's offset just before a wall time (for a time in a gap: the offset the clocks had before they jumped). */
export function offsetBeforeLocalTime(
  zone: string,
  wall: { year: number; month: number; day: number; hour: number; minute: number },
): number {
  return offsetMinutesAt(zone, Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - DAY_MS);
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, "0");

/** `+08:00`, `-03:00`, `+05:45`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-03-29` */
export function formatDate(local: { year: number; month: number; day: number }): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** `2026-03-29T08:00:00+02:00`: ISO 8601 with the zone's offset at the instant. */
export function formatLocalIso(zone: string, instant: number): string {
  const local = localTimeAt(zone, instant);
  return `${formatDate(local)}T${pad(local.hour)}:${pad(local.minute)}:00${formatOffset(offsetMinutesAt(zone, instant))}`;
}

/** The local calendar date `days` after the given one (pure date arithmetic, no zone). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    dayOfWeek: shifted.getUTCDay(),
  };
}

/** Every distinct UTC offset the zone has in [from, to), sampled each hour: DST zones have two. */
export function offsetsInSpan(zone: string, from: number, to: number): number[] {
  const offsets = new Set<number>();
  for (let instant = from; instant < to; instant += 3_600_000) offsets.add(offsetMinutesAt(zone, instant));
  return [...offsets].sort((a, b) => a - b);
}

/** A change of the zone's offset: the first instant of the new offset. */
export interface ZoneTransition {
  readonly at: number;
  readonly offsetBefore: number;
  readonly offsetAfter: number;
}

/** The zone's offset changes in [from, to), each found to the minute. */
export function transitionsInSpan(zone: string, from: number, to: number): ZoneTransition[] {
  const transitions: ZoneTransition[] = [];
  const step = 6 * 3_600_000;
  let previous = offsetMinutesAt(zone, from);
  for (let instant = from + step; instant < to + step; instant += step) {
    const offset = offsetMinutesAt(zone, instant);
    if (offset === previous) continue;
    let low = instant - step;
    let high = instant;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetMinutesAt(zone, middle) === previous) low = middle;
      else high = middle;
    }
    transitions.push({ at: high, offsetBefore: previous, offsetAfter: offset });
    previous = offset;
  }
  return transitions.filter((transition) => transition.at < to);
}
