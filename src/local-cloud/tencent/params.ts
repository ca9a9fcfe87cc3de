import type { z } from "zod";
import { EmulatedApiError } from "../api-error.ts";

/** Validates action parameters the way Tencent answers: unknown names → UnknownParameter, bad types → InvalidParameter. */
export function parseTencentParams<T extends z.ZodType>(schema: T, params: unknown): z.output<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const names = issue.keys.map((key) => [...issue.path, key].join(".")).join(", ");
    throw new EmulatedApiError("UnknownParameter", `The parameter \`${names}\` is not recognized.`);
  }
  const field = issue?.path.join(".") || "(body)";
  throw new EmulatedApiError(
    "InvalidParameter",
    `The parameter \`${field}\` is invalid: ${issue?.message ?? "bad value"}.`,
  );
}

export function tencentStateCode(state: string): string {
  const pascal = state
    .toLowerCase()
    .split("_")
    .map((word) => (word[0] ?? "").toUpperCase() + word.slice(1))
    .join("");
  return `UnsupportedOperation.InstanceState${pascal}`;
}
