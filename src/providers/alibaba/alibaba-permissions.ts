/**
 * The RAM policy statements the deploys and `npm run infra` write for ECS: start and stop only instances that carry
 * the management tag (by an `ecs:tag/<key>` condition), describe, and assume exactly the config's account roles.
 * Sources: the RAM policy grammar (Version "1", Effect/Action/Resource/Condition) and ECS's authorization reference
 * (resource `acs:ecs:<region>:<account>:instance/<id>`, tag condition key `ecs:tag/<key>`).
 */

export interface RamStatement {
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource: string[] | string;
  readonly Condition?: Record<string, Record<string, string>>;
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

/**
 * Start/stop only ECS instances with the management tag (in the regions, or any), and describe. The stamps
 * (ecs:TagResources / ecs:UntagResources) on the same instances by the same `ecs:tag/<key>` condition; the keys are
 * not restricted: unconfirmed which condition key RAM offers for the keys of a request (AWS's aws:TagKeys has no
 * documented RAM twin found), so none is guessed.
 */
export function ecsStatements(scope: EcsTagScope): RamStatement[] {
  const { key, value } = scope.managementTag;
  const instances =
    scope.regions === "any"
      ? ["acs:ecs:*:*:instance/*"]
      : scope.regions.map((region) => `acs:ecs:${region}:*:instance/*`);
  const managed = { StringEquals: { [`ecs:tag/${key}`]: value } };
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
export function ramPolicy(statements: readonly RamStatement[]): RamPolicy {
  return { Version: "1", Statement: [...statements] };
}
