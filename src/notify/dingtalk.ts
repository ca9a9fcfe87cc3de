/**
 * DingTalk custom robot: POST `{"msgtype":"markdown","markdown":{"title","text"}}` to the robot's URL (its
 * `access_token` is the secret). With a signing secret (加签), the URL also carries `timestamp` (epoch ms) and `sign` =
 * URL-encoded base64 of HMAC-SHA256(key = secret, message = timestamp + "\n" + secret); the server refuses a timestamp
 * more than an hour off. Answers `{"errcode":0,"errmsg":"ok"}`.
 */
import { createHmac } from "node:crypto";
import { JSON_HEADERS, jsonCodeRejection, type WebhookFormat } from "./http-post.ts";
import { markdownOf } from "./message.ts";
import { truncateBytes } from "./truncate.ts";

/** The `sign` query parameter's value before URL encoding. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");
}

export const dingtalk: WebhookFormat = {
  build({ message, url, secret, nowMs }) {
    const target = new URL(url);
    if (secret !== undefined) {
      target.searchParams.set("timestamp", String(nowMs));
      target.searchParams.set("sign", dingtalkSign(secret, nowMs));
    }
    const text = truncateBytes(markdownOf(message), 20_000);
    return {
      url: target.toString(),
      headers: JSON_HEADERS,
      body: JSON.stringify({ msgtype: "markdown", markdown: { title: message.title, text } }),
    };
  },
  rejection: (status, text) => jsonCodeRejection(status, text, "errcode"),
};
