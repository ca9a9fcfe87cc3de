import { z } from "zod";

/** A member account of a local organisation: its ID (AWS account ID, Tencent uin), name, unit and status. */
const memberSchema = z.strictObject({
  id: z.string().regex(/^\d{5,20}$/, "must be an account ID or uin (digits)"),
  name: z.string().min(1).optional(),
  /** The OU (AWS `ou-...`) or department NodeId (Tencent) the member sits in; absent = directly under the root. */
  unit: z.string().min(1).optional(),
  /** AWS: ACTIVE, SUSPENDED or PENDING_CLOSURE (ListAccounts lists them all; powercron keeps ACTIVE ones). */
  status: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"]).default("ACTIVE"),
});

/** One cloud's organisation in the local cloud. */
const organizationSchema = z.strictObject({
  /** This many generated members (IDs from generatedMemberIds), spread over `units` in turn; added to `accounts`. */
  members: z.int().min(0).max(10_000).default(0),
  accounts: z.array(memberSchema).default([]),
  /** Units the generated members are spread over (AWS OU IDs, Tencent NodeIds); none = all under the root. */
  units: z.array(z.string().min(1)).default([]),
  /** The role every member has for powercron to assume (the local STS serves it). Default PowercronSpoke. */
  role: z.string().min(1).default("PowercronSpoke"),
  /** When set, that role's AssumeRole must carry this ExternalId. */
  externalId: z.string().min(1).optional(),
  /** The management account (AWS account ID, Tencent uin) that may list the organisation; default the own keys'. */
  management: z
    .string()
    .regex(/^\d{5,20}$/)
    .optional(),
});

export const organizationsOptionsSchema = z.strictObject({
  aws: organizationSchema.optional(),
  tencent: organizationSchema.optional(),
});

/** `startLocalCloud({ organizations: { aws: { members: 300 } } })`. */
export type OrganizationsOptions = z.input<typeof organizationsOptionsSchema>;
export type ResolvedOrganizationsOptions = z.output<typeof organizationsOptionsSchema>;
export type ResolvedOrganization = z.output<typeof organizationSchema>;
