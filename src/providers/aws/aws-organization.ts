/**
 * AWS Organizations' member listing through @aws-sdk/client-organizations (loaded on first use): `ListAccounts` for
 * the whole organisation, or `ListAccountsForParent` for one OU or root (the accounts directly under it: the API does
 * not recurse into child OUs — "If you specify an OU, you get a list of all the accounts in only that OU and not in
 * any child OUs", the API reference). Pages of MaxResults 20, the documented maximum (valid range 1 to 20), followed by
 * NextToken; the API "can occasionally return an empty set of results even when there are more results available", so
 * the end is only a page without NextToken. Organizations is a global service whose endpoint is in us-east-1.
 */
import { ListAccountsCommand, ListAccountsForParentCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import type { OrganizationPage, OrganizationPageRequest } from "../provider-descriptor.ts";
import { fromEc2Error } from "./ec2-errors.ts";

/** The documented maximum MaxResults of both listings. */
export const ORGANIZATIONS_PAGE_SIZE = 20;
/** Organizations' endpoint for the commercial partition. */
const ORGANIZATIONS_REGION = "us-east-1";

export interface AwsOrganizationPageRequest extends Omit<OrganizationPageRequest, "env" | "role"> {
  readonly endpoint?: string;
  readonly credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
    | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>);
}

export async function listAwsOrganizationPage(request: AwsOrganizationPageRequest): Promise<OrganizationPage> {
  const client = new OrganizationsClient({
    region: ORGANIZATIONS_REGION,
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: request.requestTimeoutMs,
      connectionTimeout: request.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(request.endpoint ? { endpoint: request.endpoint } : {}),
    ...(request.credentials ? { credentials: request.credentials } : {}),
  });
  const action = request.unit === undefined ? "ListAccounts" : "ListAccountsForParent";
  const paging = { MaxResults: ORGANIZATIONS_PAGE_SIZE, ...(request.cursor ? { NextToken: request.cursor } : {}) };
  const options = request.signal ? { abortSignal: request.signal } : {};
  try {
    const answer =
      request.unit === undefined
        ? await client.send(new ListAccountsCommand(paging), options)
        : await client.send(new ListAccountsForParentCommand({ ...paging, ParentId: request.unit }), options);
    return {
      members: (answer.Accounts ?? []).flatMap((account) =>
        account.Id === undefined
          ? []
          : [{ id: account.Id, ...(account.Name ? { name: account.Name } : {}), active: account.Status === "ACTIVE" }],
      ),
      ...(answer.NextToken ? { cursor: answer.NextToken } : {}),
    };
  } catch (error) {
    throw fromEc2Error(error, action);
  } finally {
    client.destroy();
  }
}
