/** The input layer: events and environment in, validated invocations out. */
export { type JsonText, parseJsonText } from "./json-text.ts";
export { type Invocation, parseInvocation, type TriggerInfo } from "./parse-invocation.ts";
