import { powerHandler, withConfigDigest } from "../../runtime/index.ts";
import { LAMBDA_HANDLER, LAMBDA_REDEPLOY } from "./lambda-events.ts";

/** The bundle's entry: stops instances. Lambda calls `handler`, with its own context. */
export const handler = withConfigDigest(powerHandler("stop", undefined, LAMBDA_HANDLER), { redeploy: LAMBDA_REDEPLOY });
