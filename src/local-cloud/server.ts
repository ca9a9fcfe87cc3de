import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatedApiError } from "./api-error.ts";
import { CallLog, type CallRecord } from "./call-log.ts";
import type { LocalCloudShared } from "./cloud-part.ts";
import {
  actAsConsole,
  type ConsoleAction,
  ConsoleActionRequestSchema,
  type ConsoleActionResult,
} from "./console-actor.ts";
import { FaultInjector, type FaultKind } from "./faults.ts";
import { parseFleet } from "./fleet-schema.ts";
import { type FunctionInvokes, functionInvokes } from "./functions/function-invokes.ts";
import type { CallEffects, HttpAnswer, ProviderFrontEnd, RawRequest } from "./http-types.ts";
import { type CloudProvider, type EmulatedInstanceView, InstanceStore } from "./instance-store.ts";
import { type LocalCloudOptions, resolveOptions } from "./options.ts";
import { LocalOrganizations } from "./organization/local-organization.ts";
import { RateLimiter } from "./rate-limit.ts";
import { ScfState } from "./scf/index.ts";
import { startParts } from "./start-parts.ts";
import { StsSessions } from "./sts/sessions.ts";

export interface LocalCloud {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  /** Stops listening and ends every connection, held (hung) requests included, at once. */
  close(): Promise<void>;
  /** The call log, in arrival order. */
  calls(): CallRecord[];
  resetCalls(): void;
  /** The current state, transitions settled (without any describe lag). */
  instance(provider: CloudProvider, region: string, instanceId: string): EmulatedInstanceView | undefined;
  instances(): EmulatedInstanceView[];
  /** The emulated SCF account (functions and their triggers). */
  scf: ScfState;
  /** The functions Lambda and SCF `Invoke` run, and the invocations so far. */
  functions: FunctionInvokes;
  /** The STS sessions issued so far, both clouds (no secrets): account, role, session name, expiry. */
  stsSessions(): ReturnType<StsSessions["issued"]>;
  /** The organisations' members (ListAccounts, DescribeOrganizationMembers): a member may be added while it runs. */
  organizations: Pick<LocalOrganizations, "addMember" | "of">;
  /** Ends a role's STS sessions (or all) before their stated expiry, as a revocation would; answers how many. */
  expireStsSessions(roleArn?: string): number;
  /**
   * Starts or stops instances as someone else would (the console), one call per instance, at once: not logged,
   * not rate-limited, never faulted. Answers each instance's outcome ("ok" or the refusal's code).
   */
  act(
    provider: CloudProvider,
    region: string,
    instanceIds: readonly string[],
    action: ConsoleAction,
  ): ConsoleActionResult[];
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function jsonAnswer(status: number, body: unknown): HttpAnswer {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

const BARE_502: HttpAnswer = {
  status: 502,
  headers: { "content-type": "text/html" },
  body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
};

/** Starts one HTTP server that speaks the APIs of every cloud's part (parts.ts). */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const resolved = resolveOptions(options);
  const fleet = parseFleet(options.fleet);
  const store = new InstanceStore(fleet.instances, resolved.transitionMs);
  const log = new CallLog();
  const scf = new ScfState(resolved.scfSettleMs, () => store.now());
  const limiter = new RateLimiter({ ...resolved.rateLimits });
  /** Tencent account-wide buckets: one per action, for all regions. */
  const accountLimiter = new RateLimiter(resolved.tencentAccountRateLimits);
  const faults = new FaultInjector(resolved.faults, resolved.seed);
  // Issued temporary keys join these lists (copies: the defaults are shared).
  const keys = { tencent: [...resolved.credentials.tencent], aws: [...resolved.credentials.aws] };
  // The organisations' members' spoke roles join the STS roles (a member added later too).
  const stsRoles = [...resolved.sts.roles];
  const sessions = new StsSessions({ ...resolved.sts, roles: stsRoles }, keys, () => store.now());
  const organizations = new LocalOrganizations(resolved.organizations, stsRoles, () => store.now());
  const shared: LocalCloudShared = { store, sessions, keys, scf, organizations, options: resolved };
  const { actor, frontEnds } = await startParts(shared, options);
  const invokes = functionInvokes(options.functions, { keys, now: () => store.now(), log });
  const held = new Set<{ timer: NodeJS.Timeout; response: ServerResponse }>();
  const sleeping = new Set<() => void>();
  let closing = false;

  function delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleeping.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleeping.add(done);
    });
  }

  function hold(response: ServerResponse): void {
    const entry = {
      response,
      timer: setTimeout(() => {
        held.delete(entry);
        response.destroy();
      }, resolved.hangMs),
    };
    held.add(entry);
  }

  function send(response: ServerResponse, answer: HttpAnswer): void {
    if (response.destroyed || response.headersSent) return;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }

  /** POST /_instances/actions: {"provider","region","instanceIds","action":"start"|"stop"} → {"results":[...]}. */
  function consoleAction(body: Buffer): HttpAnswer {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return jsonAnswer(400, { error: "POST /_instances/actions: the body is not JSON" });
    }
    const parsed = ConsoleActionRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
      return jsonAnswer(400, { error: `POST /_instances/actions: ${issues.join("; ")}` });
    }
    const { provider, region, instanceIds, action } = parsed.data;
    return jsonAnswer(200, { results: actAsConsole(actor, provider, region, instanceIds, action) });
  }

  /**
   * Control endpoints, never logged: GET /_calls (the call log), DELETE /_calls or POST /_calls/reset (empty it),
   * GET /_instances (the settled state of every instance), POST /_instances/actions (act as someone else),
   * GET /_health.
   */
  function control(request: RawRequest): HttpAnswer | undefined {
    const path = new URL(request.url, "http://local").pathname;
    if (!path.startsWith("/_")) return undefined;
    if (path === "/_calls" && request.method === "GET") return jsonAnswer(200, log.list());
    const resetsCalls =
      (path === "/_calls" && request.method === "DELETE") || (path === "/_calls/reset" && request.method === "POST");
    if (resetsCalls) {
      log.reset();
      return { status: 204, headers: {}, body: "" };
    }
    if (path === "/_instances" && request.method === "GET") {
      return jsonAnswer(
        200,
        store.all().map((instance) => store.view(instance)),
      );
    }
    if (path === "/_instances/actions" && request.method === "POST") return consoleAction(request.body);
    if (path === "/_health" && request.method === "GET") return jsonAnswer(200, { ok: true, instances: store.size });
    return jsonAnswer(404, { error: `No control endpoint ${request.method} ${path}` });
  }

  /** The clouds' limits are per account: another account's calls have their own buckets. */
  function bucketOf(call: { region: string; account?: string }): string {
    return call.account === undefined ? call.region : `${call.region}@${call.account}`;
  }

  async function handleApi(request: RawRequest, frontEnd: ProviderFrontEnd, response: ServerResponse): Promise<void> {
    const at = new Date().toISOString();
    const { call, error } = await frontEnd.accept(request);
    let answer: HttpAnswer;
    let result: string;
    let fault: FaultKind | undefined;
    const fail = (failure: EmulatedApiError) => {
      answer = frontEnd.errorAnswer(call, failure);
      result = failure.code;
    };
    const throttle = (code: string) =>
      fail(new EmulatedApiError(code, `Your request rate for ${call.action} is too high.`, 503));
    const run = (effects: CallEffects) => {
      try {
        answer = frontEnd.execute(call, effects);
        result = "ok";
      } catch (failure) {
        if (!(failure instanceof EmulatedApiError)) throw failure;
        fail(failure);
      }
    };
    if (error) {
      fail(error);
    } else if (!limiter.has(call.provider, bucketOf(call), call.action)) {
      throttle(frontEnd.throttleCodes.region);
    } else if (call.provider === "tencent" && !accountLimiter.take("tencent", call.account ?? "*", call.action)) {
      throttle(frontEnd.throttleCodes.account);
    } else {
      limiter.take(call.provider, bucketOf(call), call.action);
      fault = faults.draw(call.provider, call.region, call.action);
      if (fault === "throttle") {
        throttle(frontEnd.throttleCodes.region);
      } else if (fault === "throttleGlobal") {
        throttle(frontEnd.throttleCodes.account);
      } else if (fault === "throttleIp") {
        throttle(frontEnd.throttleCodes.ip);
      } else if (fault === "denied") {
        fail(new EmulatedApiError(frontEnd.deniedCode, `You are not authorized to perform ${call.action}.`, 403));
      } else if (fault === "serverError") {
        if (faults.nextServerErrorIsBare()) {
          answer = BARE_502;
          result = "http-5xx";
        } else {
          fail(
            new EmulatedApiError(frontEnd.serverErrorCode, "An internal error has occurred. Retry your request.", 500),
          );
        }
      } else {
        run({ failOperations: fault === "opFailed" });
        if (fault === "hang") result = "hung";
        if (fault === "lost") result = "lost";
      }
    }
    log.append({
      at,
      ...call,
      result: result!,
      params: structuredClone(call.params),
      ...(fault !== undefined ? { fault } : {}),
    });
    if (fault === "hang") {
      hold(response);
      return;
    }
    await delay(resolved.latencyMs);
    if (fault === "lost") {
      response.destroy();
      return;
    }
    send(response, answer!);
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const request: RawRequest = {
      method: incoming.method ?? "GET",
      url: incoming.url ?? "/",
      headers: incoming.headers,
      body,
    };
    const controlAnswer = control(request);
    if (controlAnswer) {
      send(response, controlAnswer);
      return;
    }
    const invoked = await invokes.answer(request);
    if (invoked) {
      send(response, invoked);
      return;
    }
    const frontEnd = frontEnds.find((candidate) => candidate.claims(request));
    if (!frontEnd) {
      send(
        response,
        jsonAnswer(400, {
          error: "Not a Tencent (X-TC-Action header) or EC2 (form-encoded Action=) request",
          requestId: randomUUID(),
        }),
      );
      return;
    }
    await handleApi(request, frontEnd, response);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (closing) return;
      send(response, jsonAnswer(500, { error: `local cloud failure: ${(error as Error).message}` }));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    async close() {
      closing = true;
      invokes.close();
      for (const entry of held) {
        clearTimeout(entry.timer);
        entry.response.destroy();
      }
      held.clear();
      for (const wake of [...sleeping]) wake();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    calls: () => log.list(),
    resetCalls: () => log.reset(),
    instance(provider, region, instanceId) {
      const instance = store.get(provider, region, instanceId);
      return instance ? store.view(instance) : undefined;
    },
    instances: () => store.all().map((instance) => store.view(instance)),
    scf,
    organizations,
    functions: invokes,
    stsSessions: () => sessions.issued(),
    expireStsSessions: (roleArn) => sessions.expire(roleArn),
    act: (provider, region, instanceIds, action) => actAsConsole(actor, provider, region, instanceIds, action),
  };
}
