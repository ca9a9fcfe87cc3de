/**
 * Collects every problem found in an invocation's input (or a config), each as `path: value reason`, and turns them
 * into one InvalidInputError. Values are shown shortened and never a secret (see shown-value.ts), the values of secret
 * environment variables never appear, and an unknown key gets the closest known one ("did you mean "start"?"). With a
 * ProblemSource (a YAML file), each problem starts with its `file:line:col` and names an entry by its `name`.
 */
import type { z } from "zod";
import { InvalidInputError } from "../errors.ts";
import { redact, secretValues } from "../report/index.ts";
import { closestKey, knownKeysAt } from "./did-you-mean.ts";
import { lastField, shownValue } from "./shown-value.ts";

type PathSegment = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const SHOWN_VALUE_LENGTH = 80;
const LISTED_PROBLEMS = 25;

/** Where the checked value was written: lets a message give the line and name a list entry. */
export interface ProblemSource {
  /** `schedules.yaml:12:5`: where the key (or else the value) at `path` is written, or its closest parent. */
  locate(path: readonly PathSegment[], part: "key" | "value"): string | undefined;
  /** The `name` of the list entry at `path` (a group's, an account's), if it has one. */
  nameOf(path: readonly PathSegment[]): string | undefined;
}

/** `targets[0].instanceIds[3]`, `tags["cost center"]`; a base such as `Message` is put in front. */
export function joinPath(base: string, segments: readonly PathSegment[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && IDENTIFIER.test(segment)) path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

function shorten(text: string): string {
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH - 3)}...` : text;
}

function article(noun: string): string {
  if (noun === "int") return "an integer";
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** A discriminated union's issue when the discriminator (`type: lark`) names no option: its key and options. */
function noMatchingDiscriminator(issue: object): { discriminator: string; options: unknown[] } | undefined {
  const { note, discriminator, options } = issue as { note?: unknown; discriminator?: unknown; options?: unknown };
  if (note !== "No matching discriminator" || typeof discriminator !== "string" || !Array.isArray(options))
    return undefined;
  return { discriminator, options };
}

/** The reason half of a message, for zod's own checks; schemas with their own `error` text override this. */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return `is not ${article(issue.expected)}`;
    case "invalid_value":
      return `is not ${issue.values.map((value) => shownValue(value)).join(" or ")}`;
    case "too_big":
      if (issue.origin === "array" && Array.isArray(issue.input))
        return `has ${issue.input.length} entries; the limit is ${issue.maximum}`;
      return `is more than ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "array") return `is empty: at least ${issue.minimum} entry needed`;
      return `is less than ${issue.minimum}`;
    case "invalid_union": {
      const options = noMatchingDiscriminator(issue)?.options;
      return options === undefined ? undefined : `is not ${options.map((value) => shownValue(value)).join(" or ")}`;
    }
    default:
      return undefined;
  }
};

export class Problems {
  readonly #list: string[] = [];
  readonly #secrets: readonly string[];
  readonly #source: ProblemSource | undefined;

  /**
   * `env` is only searched for the values of secret variables, so that no message shows them; `source` (for a file)
   * gives each problem its line and names list entries.
   */
  constructor(env: Readonly<Record<string, string | undefined>>, source?: ProblemSource) {
    this.#secrets = secretValues(env);
    this.#source = source;
  }

  /** A value as it appears in a message: JSON, never a secret (`field` is the key holding it), cut short. */
  show(value: unknown, field?: string): string {
    return shorten(redact(shownValue(value, field), this.#secrets));
  }

  get count(): number {
    return this.#list.length;
  }

  get list(): readonly string[] {
    return this.#list;
  }

  /** `path: text`. */
  add(path: string, text: string): void {
    this.#list.push(path === "" ? text : `${path}: ${text}`);
  }

  /** `file:line:col: path: text` for a path given as segments (`["groups", 4]` → `groups[4] (qa-box)`). */
  addAt(segments: readonly PathSegment[], text: string): void {
    this.#list.push(this.#where(segments, "value") + `${this.#label("", segments)}: ${text}`);
  }

  /** `path: "value" reason`. */
  bad(path: string, value: unknown, reason: string): void {
    this.add(path, `${this.show(value, lastField(path))} ${reason}`);
  }

  /** Parses with a zod schema; on failure records each issue under `base` and returns undefined. */
  check<Schema extends z.ZodType>(schema: Schema, value: unknown, base: string): z.output<Schema> | undefined {
    const result = schema.safeParse(value, { reportInput: true, error: describeIssue });
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.#list.push(...this.#format(schema, base, issue));
    return undefined;
  }

  /** The path as a message names it, each list entry with a `name` followed by it (unless the name is the subject). */
  #label(base: string, segments: readonly PathSegment[]): string {
    if (this.#source === undefined) return joinPath(base, segments);
    let label = base;
    segments.forEach((segment, index) => {
      label = joinPath(label, [segment]);
      if (typeof segment !== "number" || segments[index + 1] === "name") return;
      const name = this.#source?.nameOf(segments.slice(0, index + 1));
      if (name !== undefined) label += ` (${name})`;
    });
    return label;
  }

  #where(segments: readonly PathSegment[], part: "key" | "value"): string {
    const place = this.#source?.locate(segments, part);
    return place === undefined ? "" : `${place}: `;
  }

  #format(schema: z.ZodType, base: string, issue: z.core.$ZodIssue): string[] {
    const path = this.#label(base, issue.path);
    const where = this.#where(issue.path, "value");
    const field = [...issue.path].reverse().find((segment) => typeof segment === "string");
    switch (issue.code) {
      case "unrecognized_keys": {
        const input = (issue.input ?? {}) as Record<string, unknown>;
        const known = knownKeysAt(schema, issue.path);
        return issue.keys.map((key) => {
          const guess = closestKey(key, known);
          const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
          const at = this.#where([...issue.path, key], "key");
          return `${at}${joinPath(path, [key])}: unknown key (value ${this.show(input[key], key)})${hint}`;
        });
      }
      case "invalid_key":
        return issue.issues.map((inner) => `${where}${path}: key ${this.show(issue.input)} ${inner.message}`);
      case "too_big":
      case "too_small":
        if (issue.origin === "array") return [`${where}${path}: ${issue.message}`];
        break;
      case "invalid_type":
      case "invalid_value":
        if (issue.input === undefined) return [`${where}${path}: missing`];
        break;
      case "invalid_union": {
        const discriminator = noMatchingDiscriminator(issue)?.discriminator;
        if (discriminator === undefined) break;
        const input = (issue.input ?? {}) as Record<string, unknown>;
        return [`${where}${path}: ${this.show(input[discriminator], discriminator)} ${issue.message}`];
      }
    }
    return [
      `${where}${path}: ${this.show(issue.input, typeof field === "string" ? field : undefined)} ${issue.message}`,
    ];
  }
  /** Throws one InvalidInputError naming every problem, with secret values blanked out. */
  throwIfAny(subject: string): void {
    if (this.#list.length === 0) return;
    const issues = this.#list.map((issue) => redact(issue, this.#secrets));
    const listed = issues.slice(0, LISTED_PROBLEMS).map((issue) => `\n  - ${issue}`);
    const more = issues.length > LISTED_PROBLEMS ? `\n  - ... and ${issues.length - LISTED_PROBLEMS} more` : "";
    const noun = issues.length === 1 ? "problem" : "problems";
    throw new InvalidInputError(`Invalid ${subject}: ${issues.length} ${noun}:${listed.join("")}${more}`, issues);
  }
}
