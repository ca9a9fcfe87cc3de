import { powerHandler, withConfigDigest } from "../../runtime/index.ts";
import { readLambdaContext } from "./lambda-context.ts";

/** The bundle's entry: starts instances. Lambda calls `handler`, with its own context. */
export const handler = withConfigDigest(powerHandler("start", undefined, readLambdaContext));
