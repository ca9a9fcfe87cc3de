/**
 * Tencent CAM statements the deploys and `npm run infra` write for CVM: start and stop only instances that carry the
 * management tag (by a `qcs:resource_tag` condition), describe, and assume exactly the config's account roles.
 */

export interface CamStatement {
  effect: "allow";
  action: string[];
  resource?: string[];
  condition?: Record<string, Record<string, string[]>>;
  principal?: { service?: string[]; qcs?: string[] };
}

export interface CamPolicy {
  version: "2.0";
  statement: CamStatement[];
}

export interface TagScope {
  readonly managementTag: { readonly key: string; readonly value: string };
  /** The regions the role may act in, or any region (a spoke account's role). */
  readonly regions: readonly string[] | "any";
}

/**
 * Start/stop only CVM instances with the management tag (in the regions, or any), and describe. The stamps go
 * through the Tag API (tag:AttachResourcesTag / tag:DetachResourcesTag) on the same instances, by the same
 * `qcs:resource_tag` condition. CAM's documented key condition (`qcs:request_tag`) matches key and value pairs, and a
 * stamp's value changes every run: the keys are not restricted here (unconfirmed how CAM would restrict keys alone).
 */
export function cvmStatements(scope: TagScope): CamStatement[] {
  const { key, value } = scope.managementTag;
  const instances =
    scope.regions === "any"
      ? ["qcs::cvm::uin/*:instance/*"]
      : scope.regions.map((region) => `qcs::cvm:${region}::instance/*`);
  const managed = { "for_any_value:string_equal": { "qcs:resource_tag": [`${key}&${value}`] } };
  return [
    { effect: "allow", action: ["cvm:StartInstances", "cvm:StopInstances"], resource: instances, condition: managed },
    {
      effect: "allow",
      action: ["tag:AttachResourcesTag", "tag:DetachResourcesTag"],
      resource: instances,
      condition: managed,
    },
    { effect: "allow", action: ["cvm:DescribeInstances"], resource: ["*"] },
  ];
}

/** `sts:AssumeRole` on exactly these roles; none without any. */
export function tencentAssumeRoleStatements(roleArns: readonly string[]): CamStatement[] {
  return roleArns.length === 0 ? [] : [{ effect: "allow", action: ["sts:AssumeRole"], resource: [...roleArns] }];
}

/** Listing the organisation's members (`accounts: {organization}` without `via`): DescribeOrganizationMembers. */
export function tencentOrganizationListStatements(): CamStatement[] {
  return [{ effect: "allow", action: ["organization:DescribeOrganizationMembers"], resource: ["*"] }];
}

/**
 * The trust of the spoke role in each other Tencent account. `<hub-uin>` and `<external-id>` are left for the
 * operator to fill in (the hub account's uin, the config's accounts[].externalId).
 */
export function tencentSpokeTrustPolicy(hubRole: string): CamPolicy {
  return {
    version: "2.0",
    statement: [
      {
        effect: "allow",
        action: ["name/sts:AssumeRole"],
        principal: { qcs: [`qcs::cam::uin/<hub-uin>:roleName/${hubRole}`] },
        condition: { string_equal: { "sts:external_id": ["<external-id>"] } },
      },
    ],
  };
}

/**
 * The spoke files of each other Tencent account: spoke-trust-policy.json (the spoke role's trust: replace `<hub-uin>`
 * with the hub account's uin and `<external-id>` with the config's accounts[].externalId for this account) and
 * spoke-policy.json (start/stop only CVM instances with the management tag, in any region; describe).
 */
export function tencentSpokeFiles(scope: {
  readonly managementTag: TagScope["managementTag"];
  readonly hubRole: string;
}): Record<string, CamPolicy> {
  return {
    "spoke-trust-policy.json": tencentSpokeTrustPolicy(scope.hubRole),
    "spoke-policy.json": {
      version: "2.0",
      statement: cvmStatements({ managementTag: scope.managementTag, regions: "any" }),
    },
  };
}
