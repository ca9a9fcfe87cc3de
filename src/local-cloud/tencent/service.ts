import type { InstanceStore } from "../instance-store.ts";

/** What a Tencent action handler may use. */
export interface TencentServiceContext {
  store: InstanceStore;
  region: string;
  requestId: string;
  /** The account (uin) the call acts in: an assumed role's, else the local keys' own. */
  account?: string;
  options: {
    describeUnknownIds: "omit" | "error";
    stateLagMs: number;
  };
  /** Start/stop operations of this call are accepted, then fall back with LatestOperationState FAILED. */
  failOperations?: boolean;
}

/** Answers the fields of a successful call (RequestId is added by the envelope), or throws EmulatedApiError. */
export type TencentActionHandler = (params: unknown, ctx: TencentServiceContext) => Record<string, unknown>;

/** One Tencent product (cvm, later scf): its signing service name, API version and actions. */
export interface TencentService {
  name: string;
  version: string;
  actions: Readonly<Record<string, TencentActionHandler>>;
}
