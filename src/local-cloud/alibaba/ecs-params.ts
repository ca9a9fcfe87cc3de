import { EmulatedApiError } from "../api-error.ts";

/** RPC parameters as the SDK flattens them: `InstanceId.1`, `Tag.2.Key`... */
export type RpcParams = Readonly<Record<string, string>>;

/** `Name.1`, `Name.2`... in order, up to the first gap. */
export function repeatList(params: RpcParams, name: string): string[] {
  const values: string[] = [];
  for (let n = 1; params[`${name}.${n}`] !== undefined; n++) values.push(params[`${name}.${n}`] ?? "");
  return values;
}

/** `Tag.N.Key` / `Tag.N.Value` pairs. */
export function tagList(params: RpcParams): { key: string; value?: string }[] {
  const tags: { key: string; value?: string }[] = [];
  for (let n = 1; params[`Tag.${n}.Key`] !== undefined; n++) {
    const value = params[`Tag.${n}.Value`];
    tags.push({ key: params[`Tag.${n}.Key`] ?? "", ...(value !== undefined ? { value } : {}) });
  }
  return tags;
}

export function booleanParam(params: RpcParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new EmulatedApiError("InvalidParameter", `The specified parameter ${name} (${value}) is not a boolean.`, 400);
}

export function integerParam(params: RpcParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new EmulatedApiError(
      "InvalidParameter",
      `The specified parameter ${name} (${value}) is not an integer.`,
      400,
    );
  }
  return Number(value);
}

export function oneOf<T extends string>(params: RpcParams, name: string, allowed: readonly T[]): T | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new EmulatedApiError(
      "InvalidParameter",
      `The specified parameter ${name} (${value}) is not one of ${allowed.join(", ")}.`,
      400,
    );
  }
  return value as T;
}

/** `InstanceIds`: a JSON array of at most 100 IDs. */
export function jsonIdList(params: RpcParams, name: string, max: number): string[] | undefined {
  const text = params[name];
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === "string")) {
    throw new EmulatedApiError(
      "InvalidInstanceIds.Malformed",
      `The specified parameter ${name} is not a JSON array of IDs.`,
      400,
    );
  }
  if (parsed.length > max) {
    throw new EmulatedApiError(
      "InvalidParameter",
      `The specified parameter ${name} holds ${parsed.length} IDs, more than ${max}.`,
      400,
    );
  }
  return parsed as string[];
}
