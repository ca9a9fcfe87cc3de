/** The input layer: events and environment in, validated invocations out. */
export type { EventRecord } from "./decode-event.ts";
export { closestKey } from "./did-you-mean.ts";
export type { EventForm, PlatformEventBody, TriggerInfo } from "./event-form.ts";
export { optionsSchema } from "./event-schemas.ts";
export { groupNameSchema, PROVIDER_FORMATS, scheduledTimeSchema, tagsSchema } from "./formats.ts";
export { type JsonText, parseJsonText } from "./json-text.ts";
export { type Invocation, parseInvocation } from "./parse-invocation.ts";
export { type ProblemSource, Problems } from "./problems.ts";
