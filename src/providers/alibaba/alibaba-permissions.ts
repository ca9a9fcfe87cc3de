/**
 * The RAM policies the deploys and `npm run infra` write for ECS: start and stop only instances that carry the
 * management tag (by an `acs:ResourceTag/<key>` condition), describe, assume exactly the config's account roles, and
 * the spoke role each other account installs (its trust of the hub, and its policy).
 *
 * Sources:
 * - the RAM policy grammar (Version "1", Effect / Action / Resource / Condition; resource
 *   `acs:<service>:<region>:<account>:<relative-id>`): https://www.alibabacloud.com/help/doc-detail/93738.htm;
 * - the tag condition key: "acs:ResourceTag/<tag-key>: the tag information attached to the requested resource"
 *   (RAM, "Use tags to restrict RAM users to managing specific ECS instances",
 *   https://www.alibabacloud.com/help/en/ram/use-cases/use-tags-to-control-access-to-ecs-resources-1, updated
 *   2025-11-24; the same key in ECS's "Manage resource permissions with tags"). Older pages spell it `ecs:tag/<key>`
 *   (doc-detail/171454): the current global key is written here. It needs the instance IDs in the request, which
 *   StartInstances and StopInstances always carry; DescribeInstances is granted on `*`, without it;
 * - the trust policy of a role another account assumes (`Principal.RAM`, `sts:ExternalId`): RAM, "Edit the trust
 *   policy of a RAM role", https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role.
 */

export interface RamStatement {
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource?: string[] | string;
  readonly Principal?: { readonly RAM: string[] };
  readonly Condition?: Record<string, Record<string, string[]>>;
}

export interface RamPolicy {
  readonly Version: "1";
  readonly Statement: RamStatement[];
}

export interface EcsTagScope {
  readonly managementTag: { readonly key: string; readonly value: string };
  /** The regions the functions act in, or any region (a spoke account's role). */
  readonly regions: readonly string[] | "any";
}

/** The condition key of a tag on the requested resource. */
export function resourceTagKey(tagKey: string): string {
  return `acs:ResourceTag/${tagKey}`;
}

/**
 * Start/stop only ECS instances with the management tag (in the regions, or any), and describe. The stamps
 * (ecs:TagResources / ecs:UntagResources) on the same instances by the same tag condition; the keys are not
 * restricted: no condition key on the keys of a request (a twin of AWS's aws:TagKeys, such as an `acs:TagKeys` or
 * `acs:RequestTag/<key>`) was found documented for ECS tagging (searched 2026-12: the RAM policy elements page,
 * doc-detail/93738; ECS "Manage resource permissions with tags", which documents `acs:ResourceTag/<key>` only; the Tag
 * service's RAM authorization page), so none is guessed; README "Stamps" says the same.
 */
export function ecsStatements(scope: EcsTagScope): RamStatement[] {
  const { key, value } = scope.managementTag;
  const instances =
    scope.regions === "any"
      ? ["acs:ecs:*:*:instance/*"]
      : scope.regions.map((region) => `acs:ecs:${region}:*:instance/*`);
  const managed = { StringEquals: { [resourceTagKey(key)]: [value] } };
  return [
    { Effect: "Allow", Action: ["ecs:StartInstances", "ecs:StopInstances"], Resource: instances, Condition: managed },
    { Effect: "Allow", Action: ["ecs:TagResources", "ecs:UntagResources"], Resource: instances, Condition: managed },
    // DescribeInstances authorizes on no single instance: RAM checks it on `*`.
    { Effect: "Allow", Action: ["ecs:DescribeInstances"], Resource: "*" },
  ];
}

/** `sts:AssumeRole` on exactly these roles (`acs:ram::<uid>:role/<name>`); none without any. */
export function alibabaAssumeRoleStatements(roleArns: readonly string[]): RamStatement[] {
  return roleArns.length === 0 ? [] : [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [...roleArns] }];
}

/** The policy document of these statements. */
export function ramPolicy(statements: readonly object[]): RamPolicy {
  return { Version: "1", Statement: [...(statements as RamStatement[])] };
}

/**
 * The trust of the spoke role in each other Alibaba account: only the hub's RAM user (whose keys the functions
 * carry), and only with the config's ExternalId. `<hub-uid>`, `<hub-ram-user>` and `<external-id>` are left for the
 * operator to fill in (the hub account's uid, its RAM user, the config's accounts[].externalId); a hub that runs on a
 * role's temporary keys names `role/<name>` instead of `user/<name>`.
 */
export function alibabaSpokeTrustPolicy(): RamPolicy {
  return ramPolicy([
    {
      Effect: "Allow",
      Action: ["sts:AssumeRole"],
      Principal: { RAM: ["acs:ram::<hub-uid>:user/<hub-ram-user>"] },
      Condition: { StringEquals: { "sts:ExternalId": ["<external-id>"] } },
    },
  ]);
}

/**
 * The spoke files of each other Alibaba account: spoke-trust-policy.json (the role's trust of the hub) and
 * spoke-policy.json (start/stop only ECS instances with the management tag, in any region; describe).
 */
export function alibabaSpokeFiles(managementTag: EcsTagScope["managementTag"]): Record<string, RamPolicy> {
  return {
    "spoke-trust-policy.json": alibabaSpokeTrustPolicy(),
    "spoke-policy.json": ramPolicy(ecsStatements({ managementTag, regions: "any" })),
  };
}
