/** Writing cron fields and trigger names, shared by every platform's triggers. Pure; imports nothing back. */
import { createHash } from "node:crypto";

/** `[1,2,3,5]` → `1-3,5`; all of `[min..max]` → `*`. */
export function compressList(
  values: readonly number[],
  min: number,
  max: number,
  name: (value: number) => string = String,
): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length === max - min + 1) return "*";
  const parts: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    let end = index;
    while (end + 1 < sorted.length && (sorted[end + 1] ?? 0) === (sorted[end] ?? 0) + 1) end++;
    const low = sorted[index] ?? 0;
    const high = sorted[end] ?? 0;
    parts.push(
      high - low >= 2 ? `${name(low)}-${name(high)}` : low === high ? name(low) : `${name(low)},${name(high)}`,
    );
    index = end + 1;
  }
  return parts.join(",");
}

/** A name within `max` characters: shortened with a hash of the whole when it does not fit. */
export function fitName(base: string, suffix: string, max: number): string {
  const full = `${base}${suffix}`;
  if (full.length <= max) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  return `${base.slice(0, max - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/** The minutes of the hour an interval that divides 60 fires at: 15 → 0, 15, 30, 45. */
export function minutesOfHour(every: number): number[] {
  return Array.from({ length: Math.floor(60 / every) }, (_, index) => index * every);
}
