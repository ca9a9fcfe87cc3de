/** The parameters of the emulated SCF actions (API 2018-04-16), as the SDK sends them: unknown keys are refused. */
import { z } from "zod";

const environmentSchema = z.strictObject({
  Variables: z.array(z.strictObject({ Key: z.string(), Value: z.string() })).optional(),
});
const common = { FunctionName: z.string(), Namespace: z.string().optional() };

export const CreateFunctionParams = z.strictObject({
  ...common,
  Code: z.strictObject({ ZipFile: z.string() }),
  Handler: z.string().optional(),
  Description: z.string().optional(),
  MemorySize: z.number().int().optional(),
  Timeout: z.number().int().optional(),
  Environment: environmentSchema.optional(),
  Runtime: z.string().optional(),
  Role: z.string().optional(),
  Type: z.string().optional(),
});
export const UpdateFunctionCodeParams = z.strictObject({
  ...common,
  ZipFile: z.string(),
  Handler: z.string().optional(),
  Publish: z.string().optional(),
});
export const UpdateFunctionConfigurationParams = z.strictObject({
  ...common,
  Description: z.string().optional(),
  MemorySize: z.number().int().optional(),
  Timeout: z.number().int().optional(),
  Runtime: z.string().optional(),
  Environment: environmentSchema.optional(),
  Role: z.string().optional(),
  Publish: z.string().optional(),
});
export const GetFunctionParams = z.strictObject({
  ...common,
  Qualifier: z.string().optional(),
  ShowCode: z.string().optional(),
});
export const ListTriggersParams = z.strictObject({
  ...common,
  Offset: z.number().int().optional(),
  Limit: z.number().int().optional(),
});
export const CreateTriggerParams = z.strictObject({
  ...common,
  TriggerName: z.string(),
  Type: z.string(),
  TriggerDesc: z.string().optional(),
  Qualifier: z.string().optional(),
  Enable: z.enum(["OPEN", "CLOSE"]).optional(),
  CustomArgument: z.string().optional(),
  Description: z.string().optional(),
});
export const DeleteTriggerParams = z.strictObject({
  ...common,
  TriggerName: z.string(),
  Type: z.string(),
  TriggerDesc: z.string().optional(),
  Qualifier: z.string().optional(),
});

export const DeleteFunctionParams = z.strictObject({
  ...common,
  Qualifier: z.string().optional(),
});
