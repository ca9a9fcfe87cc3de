import { powerHandler, withConfigDigest } from "../../runtime/index.ts";
import { readLambdaContext } from "./lambda-context.ts";

/** The bundle's entry: stops instances. Lambda calls `handler`, with its own context. */
export const handler = withConfigDigest(powerHandler("stop", undefined, readLambdaContext));
