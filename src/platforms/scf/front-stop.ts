import { frontHandler } from "../../runtime/quiet-fire.ts";
import { bundledTicks, scfQuietTicks } from "./quiet-tick.ts";

/**
 * The SCF bundle's entry (index.js): answers a tick with nothing due from the compiled schedule, and loads the full
 * handler (./entry-stop.ts, built to full.js beside it) for every other fire. SCF calls `main_handler`.
 */
export const main_handler = frontHandler("stop", scfQuietTicks(bundledTicks()), () =>
  import("./entry-stop.ts").then((module) => module.main_handler),
);
