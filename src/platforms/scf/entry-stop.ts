import { powerHandler, withConfigDigest } from "../../runtime/index.ts";

/** The bundle's entry: stops instances. SCF calls `main_handler`. */
export const main_handler = withConfigDigest(powerHandler("stop"));
