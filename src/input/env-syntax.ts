/** The small syntaxes of environment variables: lists, key=value pairs, booleans. */
import { z } from "zod";
import { tagsOf } from "./formats.ts";
import { parseJsonText } from "./json-text.ts";
import type { Problems } from "./problems.ts";

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  "1": true,
  yes: true,
  false: false,
  "0": false,
  no: false,
};

const jsonListSchema = z.array(z.string());
const jsonPairsSchema = z.record(z.string(), z.string());

function parseJson(name: string, raw: string, problems: Problems): { ok: true; value: unknown } | { ok: false } {
  const json = parseJsonText(raw);
  if (!json.ok) problems.bad(name, raw, json.reason);
  return json;
}

/** `a,b c` or `["a","b"]`: entries separated by commas and/or white space, or a JSON array of strings. */
export function parseList(name: string, raw: string, problems: Problems): string[] | undefined {
  if (raw.startsWith("[")) {
    const json = parseJson(name, raw, problems);
    return json.ok ? problems.check(jsonListSchema, json.value, name) : undefined;
  }
  return raw.split(/[\s,]+/).filter((entry) => entry !== "");
}

/** `key=value,key2=value2` (the value may be empty; a key may not) or a JSON object of strings. */
export function parsePairs(name: string, raw: string, problems: Problems): Record<string, string> | undefined {
  if (raw.startsWith("{")) {
    const json = parseJson(name, raw, problems);
    if (!json.ok || problems.check(jsonPairsSchema, json.value, name) === undefined) return undefined;
    // The checked copy would have lost a `__proto__` key: the pairs are taken from the parsed value itself.
    return tagsOf(Object.entries(json.value as Record<string, string>));
  }
  // Null prototype: `__proto__`, `constructor` are keys like any other, never dropped nor inherited.
  const pairs: Record<string, string> = Object.create(null);
  let ok = true;
  for (const entry of raw.split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const equals = entry.indexOf("=");
    const key = equals < 0 ? "" : entry.slice(0, equals).trim();
    if (key === "") {
      problems.bad(name, entry, "is not key=value");
      ok = false;
    } else if (Object.hasOwn(pairs, key)) {
      problems.bad(name, key, "is given twice as a key");
      ok = false;
    } else {
      Object.defineProperty(pairs, key, { value: entry.slice(equals + 1).trim(), enumerable: true, writable: true });
    }
  }
  return ok ? pairs : undefined;
}

/** true/false/1/0/yes/no in any case. */
export function parseBoolean(name: string, raw: string, problems: Problems): boolean | undefined {
  const value = BOOLEAN_WORDS[raw.toLowerCase()];
  if (value === undefined) problems.bad(name, raw, "is not a boolean (true, false, 1, 0, yes or no)");
  return value;
}

/** One of `words`, in any case (`soft`, `Tencent`); a bad value is shown as given. */
export function parseWord<const Word extends string>(
  name: string,
  raw: string,
  words: readonly Word[],
  problems: Problems,
): Word | undefined {
  const found = words.find((word) => word.toLowerCase() === raw.toLowerCase());
  if (found === undefined) problems.bad(name, raw, `is not ${words.map((word) => JSON.stringify(word)).join(" or ")}`);
  return found;
}
