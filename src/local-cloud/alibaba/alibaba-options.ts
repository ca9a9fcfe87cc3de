import { z } from "zod";
import type { AlibabaKey } from "./acs3.ts";

/** Obviously fake keys, not shaped like real ones (LTAI + 12 to 30 characters). */
export const DEFAULT_ALIBABA_KEYS: AlibabaKey[] = [
  { accessKeyId: "ALIBABALOCALCLOUD", accessKeySecret: "local-secret" },
];
/** The account (uid) the local keys belong to: instances without `account` are theirs. */
export const DEFAULT_ALIBABA_ACCOUNT = "1000000000000001";
/** A zone: its region and a letter (`cn-hangzhou-h`, `ap-southeast-1a`, `cn-shanghai-finance-1z`). */
export const ECS_ZONE = /^[a-z]{2}-[a-z]+(?:-[a-z]+)?(?:-[a-z]|-\d+[a-z])$/;
export const ALIBABA_ROLE_ARN = /^acs:ram::(\d{5,20}):role\/([\w.-]{1,64})$/i;

/** `startLocalCloud({ alibaba: ... })`: the accepted keys, the local keys' account, roles that may be assumed. */
export const alibabaOptionsSchema = z.strictObject({
  credentials: z
    .array(
      z.strictObject({
        accessKeyId: z.string().min(1),
        accessKeySecret: z.string().min(1),
        securityToken: z.string().optional(),
      }),
    )
    .optional(),
  ownAccount: z
    .string()
    .regex(/^\d{5,20}$/)
    .optional(),
  /** Roles in other accounts (`acs:ram::<uid>:role/<name>`); with externalId, AssumeRole must carry exactly it. */
  roles: z
    .array(
      z.strictObject({
        arn: z.string().regex(ALIBABA_ROLE_ARN, "must be acs:ram::<uid>:role/<name>"),
        externalId: z.string().min(1).optional(),
      }),
    )
    .default([]),
  /**
   * Zones out of stock (`cn-hangzhou-h`): an instance there that was stopped with StopCharging cannot start again
   * (OperationDenied.NoStock), as a fleet entry's `noStock` does for one instance. Default: none.
   */
  noStockZones: z.array(z.string().regex(ECS_ZONE, "must be an ECS zone (cn-hangzhou-h)")).default([]),
  /** Caps issued credentials' lifetime (tests of renewal). */
  maxSessionMs: z.number().int().min(1).max(43_200_000).optional(),
});
export type AlibabaLocalOptions = z.input<typeof alibabaOptionsSchema>;
export type ResolvedAlibabaOptions = z.output<typeof alibabaOptionsSchema>;
