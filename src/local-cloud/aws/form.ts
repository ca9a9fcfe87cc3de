import { EmulatedApiError } from "../api-error.ts";

/** EC2 query-protocol parameters: `InstanceId.N`, `Filter.N.Name`, `Filter.N.Value.M`, scalars. */

export interface Ec2Filter {
  name: string;
  values: string[];
}

const KNOWN = [
  /^Action$/,
  /^Version$/,
  /^InstanceId\.\d+$/,
  /^Filter\.\d+\.Name$/,
  /^Filter\.\d+\.Value\.\d+$/,
  /^MaxResults$/,
  /^NextToken$/,
  /^DryRun$/,
  /^Hibernate$/,
  /^Force$/,
  /^SkipOsShutdown$/,
  /^AdditionalInfo$/,
  /^ResourceId\.\d+$/,
  /^Tag\.\d+\.Key$/,
  /^Tag\.\d+\.Value$/,
];

export function rejectUnknownParameters(params: Record<string, unknown>, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    const base = name.split(".")[0] ?? name;
    if (!KNOWN.some((pattern) => pattern.test(name)) || !allowed.includes(base)) {
      throw new EmulatedApiError("UnknownParameter", `The parameter ${name} is not recognized`);
    }
  }
}

function indexed(params: Record<string, unknown>, pattern: RegExp): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  for (const [name, value] of Object.entries(params)) {
    const match = pattern.exec(name);
    if (match) found.push([Number(match[1]), String(value)]);
  }
  return found.sort((a, b) => a[0] - b[0]);
}

export function instanceIdsOf(params: Record<string, unknown>): string[] {
  return indexed(params, /^InstanceId\.(\d+)$/).map(([, id]) => id);
}

/** CreateTags / DeleteTags: `ResourceId.N`. */
export function resourceIdsOf(params: Record<string, unknown>): string[] {
  return indexed(params, /^ResourceId\.(\d+)$/).map(([, id]) => id);
}

/** CreateTags / DeleteTags: `Tag.N.Key` with its `Tag.N.Value` (absent in a DeleteTags by key). */
export function tagParamsOf(params: Record<string, unknown>): { key: string; value?: string }[] {
  return indexed(params, /^Tag\.(\d+)\.Key$/).map(([n, key]) => {
    const value = params[`Tag.${n}.Value`];
    return value === undefined ? { key } : { key, value: String(value) };
  });
}

export function filtersOf(params: Record<string, unknown>): Ec2Filter[] {
  return indexed(params, /^Filter\.(\d+)\.Name$/).map(([n, name]) => ({
    name,
    values: indexed(params, new RegExp(`^Filter\\.${n}\\.Value\\.(\\d+)$`)).map(([, value]) => value),
  }));
}

export function booleanParam(params: Record<string, unknown>, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new EmulatedApiError("InvalidParameterValue", `Value (${String(value)}) for parameter ${name} is invalid.`);
}
