import { powerHandler } from "../src/runtime/power-handler.ts";

/** Starts instances. Lambda calls `handler`, SCF calls `main_handler`: the same function. */
export const handler = powerHandler("start");
export const main_handler = handler;
