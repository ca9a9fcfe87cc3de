import { z } from "zod";

/** ECS answers as the API sends them (JSON, PascalCase): only the fields the adapter reads, unknown ones ignored. */

const text = z.string().nullish();

export const EcsInstanceSchema = z.object({
  InstanceId: text,
  Status: text,
  InstanceChargeType: text,
  InstanceNetworkType: text,
  LocalStorageAmount: z.number().nullish(),
  StoppedMode: text,
  Tags: z.object({ Tag: z.array(z.object({ TagKey: text, TagValue: text })).nullish() }).nullish(),
  OperationLocks: z.object({ LockReason: z.array(z.object({ LockReason: text })).nullish() }).nullish(),
});
export type EcsInstance = z.output<typeof EcsInstanceSchema>;

export const DescribeInstancesAnswerSchema = z.object({
  RequestId: text,
  NextToken: text,
  Instances: z.object({ Instance: z.array(EcsInstanceSchema).nullish() }).nullish(),
});

export const PowerAnswerSchema = z.object({
  RequestId: text,
  InstanceResponses: z
    .object({
      InstanceResponse: z
        .array(z.object({ InstanceId: text, Code: text, Message: text, PreviousStatus: text, CurrentStatus: text }))
        .nullish(),
    })
    .nullish(),
});
