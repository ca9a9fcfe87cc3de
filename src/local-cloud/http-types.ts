import type { IncomingHttpHeaders } from "node:http";
import type { EmulatedApiError } from "./api-error.ts";
import type { CloudProvider } from "./instance-store.ts";

/** A request as read off the socket, body complete. */
export interface RawRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One parsed API call: what is logged and what the handlers act on. Holds no secret. */
export interface ApiCall {
  provider: CloudProvider;
  service: string;
  region: string;
  action: string;
  params: Record<string, unknown>;
  instanceIds: string[];
  requestId: string;
  dryRun?: boolean;
  /** Another account the call acts in (an assumed role's); absent for the caller's own. */
  account?: string;
}

/** What an injected fault changes in how an accepted call is applied. */
export interface CallEffects {
  /** Every start/stop of the call is accepted, then falls back (the `opFailed` fault). */
  failOperations?: boolean;
}

/** One cloud's wire protocol: authentication, envelope, dispatch. */
export interface ProviderFrontEnd {
  /** The code of an internal server error in this provider's words (the `serverError` fault answers it). */
  readonly serverErrorCode: string;
  /** The code of a call the caller's policy does not allow (the `denied` fault). */
  readonly deniedCode: string;
  /** Claims any request no other front end claims (a plain form post): offered requests last. */
  readonly catchAll?: boolean;
  /** Whether this request speaks this provider's protocol. */
  claims(request: RawRequest): boolean;
  /** Parses and authenticates. On failure `error` is set and `call` holds what could be read. */
  accept(request: RawRequest): Promise<{ call: ApiCall; error?: EmulatedApiError }>;
  /** The throttling codes of the throttle faults and limits, in this provider's words. */
  readonly throttleCodes: Readonly<Record<"region" | "account" | "ip", string>>;
  /** Runs an accepted call; throws EmulatedApiError for an error answer. */
  execute(call: ApiCall, effects?: CallEffects): HttpAnswer;
  errorAnswer(call: ApiCall, error: EmulatedApiError): HttpAnswer;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
