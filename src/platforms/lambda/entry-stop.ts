import { powerHandler, withConfigDigest } from "../../runtime/index.ts";

/** The bundle's entry: stops instances. Lambda calls `handler`. */
export const handler = withConfigDigest(powerHandler("stop"));
