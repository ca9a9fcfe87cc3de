/**
 * "Did you mean `start`?": the keys a zod schema knows at a path, and the one closest to a mistyped key by edit
 * distance (a case-only difference first, then at most 2 edits, and fewer than half the key's letters).
 */
import type { z } from "zod";

const MAX_DISTANCE = 2;

interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly valueType?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly left?: z.core.$ZodType;
  readonly right?: z.core.$ZodType;
  readonly items?: readonly z.core.$ZodType[];
  readonly getter?: () => z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as SchemaDef;

/** The schema with its wrappers (optional, default, pipe, lazy, ...) peeled off; a union gives each of its options. */
function peel(schema: z.core.$ZodType, depth = 0): z.core.$ZodType[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  const next = (inner: z.core.$ZodType | undefined) => (inner === undefined ? [] : peel(inner, depth + 1));
  if (def.innerType !== undefined) return next(def.innerType);
  switch (def.type) {
    case "pipe":
      return next(def.in);
    case "lazy":
      return next(def.getter?.());
    case "union":
      return (def.options ?? []).flatMap((option) => next(option));
    case "intersection":
      return [...next(def.left), ...next(def.right)];
    default:
      return [schema];
  }
}

function childOf(schema: z.core.$ZodType, segment: PropertyKey): z.core.$ZodType[] {
  const def = defOf(schema);
  if (def.type === "object" && typeof segment === "string") {
    const child = def.shape?.[segment];
    return child === undefined ? [] : [child];
  }
  if (def.type === "array" && typeof segment === "number" && def.element) return [def.element];
  if (def.type === "tuple" && typeof segment === "number") {
    const item = def.items?.[segment];
    return item === undefined ? [] : [item];
  }
  if (def.type === "record" && def.valueType) return [def.valueType];
  return [];
}

/** The keys the schema's object (or objects, for a union) at `path` knows. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current = peel(schema);
  for (const segment of path) current = current.flatMap((node) => childOf(node, segment)).flatMap((node) => peel(node));
  const keys = current.flatMap((node) => {
    const def = defOf(node);
    return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
  });
  return [...new Set(keys)];
}

/** Optimal string alignment distance: an insertion, a deletion, a substitution or a swap of neighbours costs 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The known key a mistyped one most likely meant, or undefined when none is close. */
export function closestKey(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameLetters = known.find((key) => key.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  let closest: string | undefined;
  let closestDistance = MAX_DISTANCE + 1;
  for (const key of known) {
    const distance = editDistance(lower, key.toLowerCase());
    if (distance < closestDistance && distance * 2 < Math.min(word.length, key.length)) {
      closest = key;
      closestDistance = distance;
    }
  }
  return closest;
}
