/**
 * Stops instances: the two platforms' entries side by side (the bundles build from each on its own, see
 * src/platforms/<platform>/entry-stop.ts). Lambda calls `handler`, SCF calls `main_handler`.
 */
export { handler } from "../src/platforms/lambda/entry-stop.ts";
export { main_handler } from "../src/platforms/scf/entry-stop.ts";
