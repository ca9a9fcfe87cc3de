/**
 * The `powercron local-cloud` flags that tune how the local cloud emulates one cloud (its capacity, its account-wide
 * rates, its answers to unknown IDs), declared in that cloud's descriptor, and the readers of their values. Each flag
 * sets options of the local cloud by their names; errors name the flag and the value.
 */
import { InvalidInputError } from "../errors.ts";

export interface LocalCloudFlag {
  /** The flag as commander declares it: `--ec2-capacity <zones>`. */
  readonly flag: string;
  readonly description: string;
  readonly defaultValue?: string;
  /** The local cloud's options the flag's value sets; throws InvalidInputError naming the flag. */
  options(raw: string): Readonly<Record<string, unknown>>;
}

/** `a=1,b=2` → {a: 1, b: 2}; errors name the flag and the part, and show `example`. */
export function numberPairs(flag: string, raw: string, key: RegExp, example = "name=1"): Record<string, number> {
  const pairs: Record<string, number> = {};
  for (const part of raw.split(",").map((text) => text.trim())) {
    const [name = "", value = "", extra] = part.split("=");
    const number = Number(value);
    if (extra !== undefined || !key.test(name) || value.trim() === "" || !Number.isFinite(number) || number < 0) {
      throw new InvalidInputError(`${flag}: "${part}" must look like name=number (e.g. ${example})`);
    }
    pairs[name] = number;
  }
  return pairs;
}

/** One of a flag's words, or an error listing them. */
export function oneOf<const W extends string>(flag: string, raw: string, words: readonly W[]): W {
  const word = words.find((candidate) => candidate === raw);
  if (!word) throw new InvalidInputError(`${flag}: "${raw}" is not one of ${words.join(", ")}`);
  return word;
}
