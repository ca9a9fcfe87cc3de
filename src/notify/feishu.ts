/**
 * Feishu / Lark custom bot: POST an interactive card `{"msg_type":"interactive","card":{...}}` to the bot's URL (the
 * token in its path is the secret). With a signing secret (签名校验), the body also carries `timestamp` (epoch seconds,
 * as a string) and `sign` = base64 of HMAC-SHA256(key = timestamp + "\n" + secret, message = empty); the server
 * refuses a timestamp more than an hour off. Answers `{"code":0,...}` (older bots: `{"StatusCode":0}`).
 */
import { createHmac } from "node:crypto";
import { JSON_HEADERS, jsonCodeRejection, type WebhookFormat } from "./http-post.ts";
import { type AlertMessage, markdownOf } from "./message.ts";
import { truncateBytes } from "./truncate.ts";

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

const TEMPLATE = { red: "red", orange: "orange", green: "green" } as const;

function card(message: AlertMessage) {
  const [, ...body] = markdownOf(message).split("\n");
  return {
    config: { wide_screen_mode: true },
    header: { template: TEMPLATE[message.color], title: { tag: "plain_text", content: message.title } },
    elements: [{ tag: "div", text: { tag: "lark_md", content: truncateBytes(body.join("\n"), 20_000) } }],
  };
}

export const feishu: WebhookFormat = {
  build({ message, url, secret, nowMs }) {
    const seconds = Math.floor(nowMs / 1000);
    const signed = secret === undefined ? {} : { timestamp: String(seconds), sign: feishuSign(secret, seconds) };
    return {
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...signed, msg_type: "interactive", card: card(message) }),
    };
  },
  rejection: (status, text) => jsonCodeRejection(status, text, "code"),
};
