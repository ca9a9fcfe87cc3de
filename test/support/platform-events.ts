/** Every platform's events (forms and ticks), as `powercron run` reads them: for specs that send a platform's event. */
import type { EventForm } from "../../src/input/index.ts";
import { LAMBDA_EVENTS } from "../../src/platforms/lambda/lambda-events.ts";
import { SCF_EVENTS } from "../../src/platforms/scf/scf-events.ts";
import type { PlatformEvents } from "../../src/runtime/index.ts";

export const PLATFORM_EVENTS: readonly PlatformEvents[] = [SCF_EVENTS, LAMBDA_EVENTS];
export const PLATFORM_FORMS: readonly EventForm[] = PLATFORM_EVENTS.flatMap((platform) => platform.forms);
