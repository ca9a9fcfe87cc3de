/** The local cloud's functions: built bundles it runs for Lambda `Invoke` and SCF `Invoke`, and the kill fault. */
import { z } from "zod";

export const localFunctionSchema = z.strictObject({
  /** The built entry file (dist/<platform>/<name>/index.js, from `npm run build`). */
  entry: z.string().min(1),
  /** `handler` (Lambda, ESM) or `main_handler` (SCF, CommonJS). */
  handlerExport: z.string().min(1),
  /** The function's environment: nothing of the local cloud's own process leaks in but PATH. */
  env: z.record(z.string(), z.string()).default({}),
  timeoutSeconds: z.number().positive().max(900).default(60),
  /** The configured memory, MB: an invocation whose peak RSS goes past it is reported as out of memory. */
  memoryMb: z.int().min(64).max(10_240).default(128),
});

export const functionHostSchema = z.strictObject({
  /** By the name the platform's Invoke calls it (its ARN's last part for Lambda). */
  functions: z.record(z.string().min(1), localFunctionSchema).default({}),
  /** How many invocations run at once (child processes); the others wait their turn. Default 4. */
  concurrency: z.int().min(1).max(1000).default(4),
  /**
   * Fault injection: kill these invocations (1-based, in the order they start) once `afterAction` calls (`afterCount`,
   * default 1) have reached the local cloud since they started; the caller sees the runtime exit, as on the platform.
   */
  kill: z
    .strictObject({
      invocations: z.array(z.int().min(1)).min(1),
      afterAction: z.string().min(1),
      afterCount: z.int().min(1).default(1),
    })
    .optional(),
});

export type LocalFunction = z.output<typeof localFunctionSchema>;
export type LocalFunctionInput = z.input<typeof localFunctionSchema>;
export type FunctionHostOptions = z.input<typeof functionHostSchema>;
export type ResolvedFunctionHost = z.output<typeof functionHostSchema>;
