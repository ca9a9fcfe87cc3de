/**
 * Collects every problem found in an invocation's input, each as `path: value reason`, and turns them into one
 * InvalidInputError. Values are shown shortened, and the values of secret environment variables never appear.
 */
import type { z } from "zod";
import { InvalidInputError } from "../errors.ts";
import { redact, secretValues } from "../report/index.ts";

type PathSegment = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const SHOWN_VALUE_LENGTH = 80;
const LISTED_PROBLEMS = 25;
/** Environment variables whose values are never shown. */

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

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function shorten(text: string): string {
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH - 3)}...` : text;
}

function article(noun: string): string {
  if (noun === "int") return "an integer";
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** The reason half of a message, for zod's own checks; schemas with their own `error` text override this. */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return `is not ${article(issue.expected)}`;
    case "invalid_value":
      return `is not ${issue.values.map((value) => toJson(value)).join(" or ")}`;
    case "too_big":
      if (issue.origin === "array" && Array.isArray(issue.input))
        return `has ${issue.input.length} entries; the limit is ${issue.maximum}`;
      return `is more than ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "array") return `is empty: at least ${issue.minimum} entry needed`;
      return `is less than ${issue.minimum}`;
    default:
      return undefined;
  }
};

export class Problems {
  readonly #list: string[] = [];
  readonly #secrets: readonly string[];

  /** `env` is only searched for the values of secret variables, so that no message shows them. */
  constructor(env: Readonly<Record<string, string | undefined>>) {
    this.#secrets = secretValues(env);
  }

  /** A value as it appears in a message: JSON, secrets blanked out, cut short. */
  show(value: unknown): string {
    return shorten(redact(toJson(value), this.#secrets));
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

  /** `path: "value" reason`. */
  bad(path: string, value: unknown, reason: string): void {
    this.add(path, `${this.show(value)} ${reason}`);
  }

  /** Parses with a zod schema; on failure records each issue under `base` and returns undefined. */
  check<Schema extends z.ZodType>(schema: Schema, value: unknown, base: string): z.output<Schema> | undefined {
    const result = schema.safeParse(value, { reportInput: true, error: describeIssue });
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.#list.push(...this.#format(base, issue));
    return undefined;
  }

  #format(base: string, issue: z.core.$ZodIssue): string[] {
    const path = joinPath(base, issue.path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const input = (issue.input ?? {}) as Record<string, unknown>;
        return issue.keys.map((key) => `${joinPath(path, [key])}: unknown key (value ${this.show(input[key])})`);
      }
      case "invalid_key":
        return issue.issues.map((inner) => `${path}: key ${this.show(issue.input)} ${inner.message}`);
      case "too_big":
      case "too_small":
        if (issue.origin === "array") return [`${path}: ${issue.message}`];
        break;
      case "invalid_type":
      case "invalid_value":
        if (issue.input === undefined) return [`${path}: missing`];
        break;
    }
    return [`${path}: ${this.show(issue.input)} ${issue.message}`];
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
