/**
 * Local HTTP receivers that answer as each platform's server does: they check the path, the content type and the
 * body's format, and verify the signature from the shared secret exactly as the platform documents it (recomputed here
 * independently of src/notify), refusing a stale timestamp.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
}

export type Platform = (request: Received) => Answer | "hang";

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(platform: Platform): Promise<Receiver> {
  const received: Received[] = [];
  const hung: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const request: Received = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(request);
      const answer = platform(request);
      if (answer === "hang") {
        hung.push(res);
        return;
      }
      res.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (value: unknown, status = 200): Answer => ({ status, body: JSON.stringify(value) });

function isJson(request: Received): boolean {
  return /^application\/json\b/.test(request.headers["content-type"] ?? "");
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const HOUR_MS = 3_600_000;

/** WeCom group robot: /cgi-bin/webhook/send?key=KEY, a markdown message of at most 4096 bytes. */
export function wecomServer(key: string): Platform {
  return (request) => {
    if (request.path !== "/cgi-bin/webhook/send" || request.query.get("key") !== key)
      return json({ errcode: 93000, errmsg: "invalid webhook url" });
    const body = parse(request.body);
    const content = (body?.markdown as { content?: unknown } | undefined)?.content;
    if (!isJson(request) || body?.msgtype !== "markdown" || typeof content !== "string")
      return json({ errcode: 40008, errmsg: "invalid message type" });
    if (Buffer.byteLength(content, "utf8") > 4096) return json({ errcode: 40058, errmsg: "content exceed max length" });
    return json({ errcode: 0, errmsg: "ok" });
  };
}

/** DingTalk custom robot with 加签: access_token, timestamp (ms, within an hour) and sign in the query. */
export function dingtalkServer(token: string, secret: string, now: () => number = Date.now): Platform {
  return (request) => {
    if (request.path !== "/robot/send" || request.query.get("access_token") !== token)
      return json({ errcode: 300001, errmsg: "token is not exist" });
    const timestamp = request.query.get("timestamp") ?? "";
    const sign = request.query.get("sign") ?? ""; // URLSearchParams has decoded it
    const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    if (!/^\d{13}$/.test(timestamp) || Math.abs(now() - Number(timestamp)) > HOUR_MS)
      return json({ errcode: 310000, errmsg: "invalid timestamp" });
    if (!sameText(sign, expected)) return json({ errcode: 310000, errmsg: "sign not match" });
    const body = parse(request.body);
    const markdown = body?.markdown as { title?: unknown; text?: unknown } | undefined;
    if (
      !isJson(request) ||
      body?.msgtype !== "markdown" ||
      typeof markdown?.title !== "string" ||
      typeof markdown.text !== "string"
    )
      return json({ errcode: 40035, errmsg: "missing parameter" });
    return json({ errcode: 0, errmsg: "ok" });
  };
}

/** Feishu custom bot with 签名校验: timestamp (seconds, within an hour) and sign in the body. */
export function feishuServer(token: string, secret: string, now: () => number = Date.now): Platform {
  return (request) => {
    if (request.path !== `/open-apis/bot/v2/hook/${token}`)
      return json({ code: 19001, msg: "param invalid: incoming webhook access token invalid" });
    const body = parse(request.body);
    if (!isJson(request) || body === undefined) return json({ code: 9499, msg: "Bad Request" }, 400);
    const timestamp = String(body.timestamp ?? "");
    const expected = createHmac("sha256", `${timestamp}\n${secret}`).update(Buffer.alloc(0)).digest("base64");
    const fresh = /^\d{10}$/.test(timestamp) && Math.abs(now() / 1000 - Number(timestamp)) <= 3600;
    if (!fresh || typeof body.sign !== "string" || !sameText(body.sign, expected))
      return json({ code: 19021, msg: "sign match fail or timestamp is not within one hour from current time" });
    const card = body.card as { header?: { title?: { content?: unknown } }; elements?: unknown } | undefined;
    if (
      body.msg_type !== "interactive" ||
      typeof card?.header?.title?.content !== "string" ||
      !Array.isArray(card.elements)
    )
      return json({ code: 11246, msg: "create card content failed" });
    return json({ code: 0, data: {}, msg: "success" });
  };
}

/** Slack incoming webhook: text and blocks; answers `ok` as plain text. */
export function slackServer(path: string): Platform {
  const text = (status: number, body: string): Answer => ({ status, body, contentType: "text/html" });
  return (request) => {
    if (request.path !== path) return text(404, "no_service");
    const body = parse(request.body);
    if (!isJson(request) || body === undefined) return text(400, "invalid_payload");
    const blocks = body.blocks;
    const known = new Set(["header", "section", "context", "divider"]);
    if (typeof body.text !== "string" || body.text === "") return text(400, "no_text");
    if (
      !Array.isArray(blocks) ||
      blocks.length > 50 ||
      blocks.some((b) => !known.has((b as { type?: string }).type ?? ""))
    )
      return text(400, "invalid_blocks");
    for (const block of blocks as { type: string; text?: { text?: string }; fields?: { text: string }[] }[]) {
      if (block.type === "header" && (block.text?.text ?? "").length > 150) return text(400, "invalid_blocks");
      if (block.type === "section" && (block.text?.text ?? "").length > 3000) return text(400, "invalid_blocks");
      if ((block.fields ?? []).length > 10 || (block.fields ?? []).some((f) => f.text.length > 2000))
        return text(400, "invalid_blocks");
    }
    return text(200, "ok");
  };
}

/** The generic webhook: X-Powercron-Timestamp and X-Powercron-Signature = sha256=hex(HMAC(secret, ts + "." + raw body)). */
export function webhookServer(secret: string | undefined, now: () => number = Date.now): Platform {
  return (request) => {
    if (!isJson(request) || parse(request.body) === undefined) return { status: 415, body: "json please" };
    if (secret === undefined) return { status: 204, body: "" };
    const timestamp = String(request.headers["x-powercron-timestamp"] ?? "");
    const signature = String(request.headers["x-powercron-signature"] ?? "");
    const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex")}`;
    if (!/^\d+$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > 300)
      return { status: 401, body: "stale timestamp" };
    if (!sameText(signature, expected)) return { status: 401, body: "bad signature" };
    return { status: 204, body: "" };
  };
}
