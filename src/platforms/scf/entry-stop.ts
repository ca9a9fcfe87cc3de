import { powerHandler, withConfigDigest } from "../../runtime/index.ts";
import { SCF_HANDLER, SCF_REDEPLOY } from "./scf-events.ts";

/** The bundle's entry: stops instances. SCF calls `main_handler`, with its own context. */
export const main_handler = withConfigDigest(powerHandler("stop", undefined, SCF_HANDLER), { redeploy: SCF_REDEPLOY });
