import { z } from "zod";

/** The role ARNs the emulated STS services take (the same grammar as src/providers/<cloud>/descriptor.ts). */
const AWS_ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;
const TENCENT_ROLE_ARN = /^qcs::cam::uin\/(\d{5,20}):roleName\/([\w+=,.@-]{1,128})$/;

/** The accounts the local cloud's own keys belong to: instances without `account` are theirs. */
export const DEFAULT_OWN_ACCOUNTS = { aws: "111111111111", tencent: "100000000001" } as const;

/** A role in another account that callers may assume; its account is the one in its ARN. */
export const roleSpecSchema = z.strictObject({
  arn: z.string().refine((arn) => AWS_ROLE_ARN.test(arn) || TENCENT_ROLE_ARN.test(arn), {
    error:
      "must be an AWS (arn:aws:iam::<account>:role/<name>) or Tencent (qcs::cam::uin/<uin>:roleName/<name>) role ARN",
  }),
  /** When set, AssumeRole must carry exactly this ExternalId (the trust policy's sts:ExternalId condition). */
  externalId: z.string().min(1).optional(),
});
export type RoleSpec = z.output<typeof roleSpecSchema>;

export const stsOptionsSchema = z.strictObject({
  roles: z.array(roleSpecSchema).default([]),
  ownAccounts: z
    .strictObject({
      aws: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
      tencent: z
        .string()
        .regex(/^\d{5,20}$/)
        .optional(),
    })
    .default({}),
  /**
   * Caps the lifetime of issued temporary credentials, whatever DurationSeconds asks (tests of renewal use a short
   * one). Default: none (DurationSeconds, default 3600 s on AWS and 7200 s on Tencent).
   */
  maxSessionMs: z.number().int().min(1).max(43_200_000).optional(),
});
/** `startLocalCloud({ sts: ... })`: roles in other accounts, the local keys' own accounts, a cap on session length. */
export type StsOptions = z.input<typeof stsOptionsSchema>;
export type ResolvedStsOptions = z.output<typeof stsOptionsSchema>;
