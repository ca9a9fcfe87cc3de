import { powerHandler, withConfigDigest } from "../../runtime/index.ts";
import { readScfContext } from "./scf-context.ts";

/** The bundle's entry: stops instances. SCF calls `main_handler`, with its own context. */
export const main_handler = withConfigDigest(powerHandler("stop", undefined, readScfContext));
