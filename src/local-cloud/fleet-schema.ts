/** The fleet's schema, from the entries of every cloud's part (parts.ts), and the reading of a fleet file. */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InvalidInputError } from "../errors.ts";
import type { Fleet } from "./cloud-types.ts";
import { allLocalParts } from "./parts.ts";

const entries = allLocalParts().map((part) => part.fleetEntry);

export const FleetInstanceSchema = z.discriminatedUnion(
  "provider",
  entries as unknown as [(typeof entries)[number], ...(typeof entries)[number][]],
);

export const FleetSchema = z
  .strictObject({ instances: z.array(FleetInstanceSchema) })
  .superRefine(function rejectDuplicateIds(fleet, ctx) {
    const seen = new Set<string>();
    fleet.instances.forEach((instance, index) => {
      const key = `${instance.provider}/${instance.instanceId}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["instances", index, "instanceId"],
          message: `duplicate instance ID ${instance.instanceId}`,
        });
      }
      seen.add(key);
    });
  });

function describeIssues(source: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path =
      issue.path.length > 0 ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)) : [];
    const field = path.join("").replace(/^\./, "");
    return `${source}: ${field || "(root)"}: ${issue.message}`;
  });
}

/** Validates a fleet given in code; errors name the field. */
export function parseFleet(input: unknown, source = "fleet"): Fleet {
  const result = FleetSchema.safeParse(input);
  if (!result.success) {
    const issues = describeIssues(source, result.error);
    throw new InvalidInputError(`Invalid fleet: ${issues.join("; ")}`, issues);
  }
  return result.data as Fleet;
}

/** Reads and validates a fleet JSON file; errors name the path and the field. */
export async function loadFleetFile(path: string): Promise<Fleet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (code ?? "unreadable");
    throw new InvalidInputError(`--fleet: cannot read the fleet file ${JSON.stringify(path)} (${why})`, undefined, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`Fleet file ${path} is not valid JSON: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  return parseFleet(json, path);
}
