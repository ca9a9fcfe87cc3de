/** The two functions every platform deploys, one per action. Imports nothing: shared by the bundler and the deploys. */
export const FUNCTION_NAMES = ["start", "stop"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
