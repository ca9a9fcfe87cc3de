import { powerHandler, withConfigDigest } from "../../runtime/index.ts";

/** The bundle's entry: starts instances. Lambda calls `handler`. */
export const handler = withConfigDigest(powerHandler("start"));
