import { withConfigDigest } from "../src/runtime/config-digest-check.ts";
import { powerHandler } from "../src/runtime/power-handler.ts";

/** Starts instances. Lambda calls `handler`, SCF calls `main_handler`: the same function. */
export const handler = withConfigDigest(powerHandler("start"));
export const main_handler = handler;
