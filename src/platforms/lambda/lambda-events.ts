/** Lambda's events as the runtime reads them: EventBridge's scheduled event (Scheduler's schedules send our own). */
import type { HandlerPlatform, PlatformEvents } from "../../runtime/index.ts";
import { readLambdaContext } from "./lambda-context.ts";
import { lambdaWorkers } from "./lambda-workers.ts";
import { EVENTBRIDGE_SCHEDULED_EVENT } from "./scheduled-event.ts";

export const LAMBDA_EVENTS: PlatformEvents = { forms: [EVENTBRIDGE_SCHEDULED_EVENT] };

/** What the Lambda entries pass the handler. */
export const LAMBDA_HANDLER: HandlerPlatform = {
  readContext: readLambdaContext,
  events: LAMBDA_EVENTS,
  workers: lambdaWorkers,
};

/** How the functions are deployed again (named when the bundle's config and the deploy's disagree). */
export const LAMBDA_REDEPLOY = "npx serverless deploy";
