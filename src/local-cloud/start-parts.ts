import type { z } from "zod";
import { InvalidInputError } from "../errors.ts";
import type { LocalCloudShared } from "./cloud-part.ts";
import type { LocalCloudOwnOptions } from "./cloud-types.ts";
import type { ConsoleActorContext } from "./console-actor.ts";
import type { ProviderFrontEnd } from "./http-types.ts";
import { allLocalParts } from "./parts.ts";

/** Every cloud's part started on one local cloud: its own options checked, its front ends, its console actions. */
export interface StartedParts {
  readonly actor: ConsoleActorContext;
  /** The order requests are offered in: a catch-all front end (one that claims any form post) comes last. */
  readonly frontEnds: readonly ProviderFrontEnd[];
}

export async function startParts(shared: LocalCloudShared, own: LocalCloudOwnOptions): Promise<StartedParts> {
  const actor: Record<string, ConsoleActorContext[keyof ConsoleActorContext]> = {};
  const frontEnds: ProviderFrontEnd[] = [];
  for (const part of allLocalParts()) {
    const raw: unknown = (own as Record<string, unknown>)[part.provider];
    const started = await part.start(shared, ownOptionsOf(part.provider, part.ownOptions, raw));
    actor[part.provider] = started;
    frontEnds.push(...started.frontEnds);
  }
  return {
    actor: actor as ConsoleActorContext,
    frontEnds: [...frontEnds.filter((end) => !end.catchAll), ...frontEnds.filter((end) => end.catchAll)],
  };
}

/** A cloud's own options, checked by its schema; an error names the field under the cloud's key. */
function ownOptionsOf(name: string, schema: z.ZodType | undefined, raw: unknown): unknown {
  if (schema === undefined || raw === undefined) return raw;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `local cloud option ${[name, ...issue.path.map(String)].join(".")}: ${issue.message}`,
  );
  throw new InvalidInputError(`Invalid local cloud options: ${issues.join("; ")}`, issues);
}
