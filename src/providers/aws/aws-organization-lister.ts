/**
 * The AWS connector's organisation capability, SDK-free until a page is asked for: which action a page is, how fast
 * pages go, and what Organizations' error codes mean for a retry.
 */
import type { ClassifiedFailure } from "../../domain/index.ts";
import { type CloudApiError, TRANSPORT_CODES } from "../../errors.ts";
import type { OrganizationLister, OrganizationPage, OrganizationPageRequest } from "../provider-descriptor.ts";
import { awsEndpoints, callerCredentials } from "./aws-settings.ts";

/**
 * Organizations' codes (API reference, Common Errors and each action's errors): TooManyRequestsException is its
 * throttle; ServiceException and the transport failures may be retried (a listing is a read); the rest
 * (AccessDeniedException, AWSOrganizationsNotInUseException, ParentNotFoundException, InvalidInputException, bad keys)
 * cannot succeed by retrying.
 */
const KINDS: Readonly<Record<string, ClassifiedFailure>> = {
  TooManyRequestsException: { kind: "throttle", scope: "account" },
  ThrottlingException: { kind: "throttle", scope: "account" },
  Throttling: { kind: "throttle", scope: "account" },
  ServiceException: { kind: "transient" },
  InternalFailure: { kind: "uncertain" },
  [TRANSPORT_CODES.server]: { kind: "uncertain" },
  [TRANSPORT_CODES.network]: { kind: "uncertain" },
  [TRANSPORT_CODES.timeout]: { kind: "uncertain" },
};

/**
 * Organizations publishes no per-action request rate (its quotas page and TooManyRequestsException name throttling
 * only). A listing's pages go one after the other (each needs the previous NextToken), so its pace is bounded by the
 * round trip anyway: 10 a second (300 accounts, 15 pages: 1.5 s) is an assumption, and a throttle is retried and slows
 * the pace (callWithRetry).
 */
const CALLS_PER_SECOND = 10;

/** A class, so that a bundle without organisation groups swaps it for a stub (src/deploy/bundle-organization.ts). */
export class AwsOrganizationLister implements OrganizationLister {
  readonly listsByUnit = true;
  readonly callsPerSecond = CALLS_PER_SECOND;

  actionName(unit: string | undefined): string {
    return unit === undefined ? "ListAccounts" : "ListAccountsForParent";
  }

  async page(request: OrganizationPageRequest): Promise<OrganizationPage> {
    const { listAwsOrganizationPage } = await import("./aws-organization.ts");
    const { env, role, ...rest } = request;
    const endpoint = awsEndpoints(env).organizations;
    const credentials = callerCredentials(env, role);
    return listAwsOrganizationPage({
      ...rest,
      ...(endpoint ? { endpoint } : {}),
      ...(credentials ? { credentials } : {}),
    });
  }

  classify(error: CloudApiError): ClassifiedFailure {
    return KINDS[error.code] ?? { kind: "global" };
  }
}
