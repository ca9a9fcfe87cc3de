import { powerHandler, withConfigDigest } from "../../runtime/index.ts";
import { LAMBDA_HANDLER, LAMBDA_REDEPLOY } from "./lambda-events.ts";

/** The bundle's entry: starts instances. Lambda calls `handler`, with its own context. */
export const handler = withConfigDigest(powerHandler("start", undefined, LAMBDA_HANDLER), {
  redeploy: LAMBDA_REDEPLOY,
});
