/** The input layer: events and environment in, validated invocations out. */
export { optionsSchema } from "./event-schemas.ts";
export { groupNameSchema, PROVIDER_FORMATS, tagsSchema } from "./formats.ts";
export { type JsonText, parseJsonText } from "./json-text.ts";
export { type Invocation, parseInvocation, type TriggerInfo } from "./parse-invocation.ts";
export { type ProblemSource, Problems } from "./problems.ts";
