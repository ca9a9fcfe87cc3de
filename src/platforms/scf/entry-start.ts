import { powerHandler, withConfigDigest } from "../../runtime/index.ts";

/** The bundle's entry: starts instances. SCF calls `main_handler`. */
export const main_handler = withConfigDigest(powerHandler("start"));
