/**
 * The local cloud's organisations (AWS Organizations, Tencent Cloud Organization): their member accounts, which the
 * front-ends list, and the spoke role in every member, which the local STS lets powercron assume. A member added while
 * the cloud runs (`addMember`) is listed, and its role assumable, from the next call on.
 */
import type { RoleSpec } from "../sts/sts-options.ts";
import type { ResolvedOrganization, ResolvedOrganizationsOptions } from "./organization-options.ts";

export type OrganizationCloud = "aws" | "tencent";

export interface OrganizationMember {
  readonly id: string;
  readonly name: string;
  /** OU or department NodeId; undefined = under the root. */
  readonly unit?: string;
  readonly status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  /** Epoch ms. */
  readonly joinedAt: number;
}

/** The generated members' IDs: AWS `2000000000NN` (12 digits), Tencent `2000000000NN` too (a uin), 1-based. */
export function generatedMemberIds(count: number, first = 1): string[] {
  return Array.from({ length: count }, (_, index) => String(200_000_000_000 + first + index));
}

/** The spoke role's ARN in a member, in each cloud's grammar (as src/local-cloud/sts/ reads it). */
export function memberRoleArn(cloud: OrganizationCloud, id: string, role: string): string {
  return cloud === "aws" ? `arn:aws:iam::${id}:role/${role}` : `qcs::cam::uin/${id}:roleName/${role}`;
}

class Organization {
  readonly members: OrganizationMember[] = [];

  constructor(
    readonly cloud: OrganizationCloud,
    readonly spec: ResolvedOrganization,
    private readonly roles: RoleSpec[],
    private readonly now: () => number,
  ) {
    for (const account of spec.accounts) this.add(account);
    generatedMemberIds(spec.members).forEach((id, index) => {
      const unit = spec.units.length === 0 ? undefined : spec.units[index % spec.units.length];
      this.add({ id, name: `member-${index + 1}`, ...(unit === undefined ? {} : { unit }), status: "ACTIVE" });
    });
  }

  add(member: {
    id: string;
    name?: string | undefined;
    unit?: string | undefined;
    status: OrganizationMember["status"];
  }) {
    if (this.members.some((known) => known.id === member.id)) {
      throw new Error(`local ${this.cloud} organisation: member ${member.id} is already in it`);
    }
    this.members.push({
      id: member.id,
      name: member.name ?? `member-${member.id}`,
      ...(member.unit === undefined ? {} : { unit: member.unit }),
      status: member.status,
      joinedAt: this.now(),
    });
    const arn = memberRoleArn(this.cloud, member.id, this.spec.role);
    if (!this.roles.some((role) => role.arn === arn)) {
      this.roles.push({ arn, ...(this.spec.externalId === undefined ? {} : { externalId: this.spec.externalId }) });
    }
  }
}

export class LocalOrganizations {
  private readonly byCloud = new Map<OrganizationCloud, Organization>();

  constructor(
    options: ResolvedOrganizationsOptions,
    /** The local STS's role list: each member's spoke role joins it. */
    roles: RoleSpec[],
    now: () => number,
  ) {
    for (const cloud of ["aws", "tencent"] as const) {
      const spec = options[cloud];
      if (spec !== undefined) this.byCloud.set(cloud, new Organization(cloud, spec, roles, now));
    }
  }

  /** The cloud's organisation, or undefined when the local cloud has none (the caller is in no organisation). */
  of(
    cloud: OrganizationCloud,
  ): { members: readonly OrganizationMember[]; units: ReadonlySet<string>; management?: string } | undefined {
    const organization = this.byCloud.get(cloud);
    if (organization === undefined) return undefined;
    const { management } = organization.spec;
    const units = new Set([...organization.spec.units, ...organization.members.flatMap((m) => m.unit ?? [])]);
    return { members: organization.members, units, ...(management === undefined ? {} : { management }) };
  }

  /** Adds a member (with its spoke role) while the cloud runs: listed from the next call on. */
  addMember(cloud: OrganizationCloud, member: { id: string; name?: string; unit?: string }): void {
    const organization = this.byCloud.get(cloud);
    if (organization === undefined) throw new Error(`the local cloud has no ${cloud} organisation`);
    organization.add({ ...member, status: "ACTIVE" });
  }
}
