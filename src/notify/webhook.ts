/**
 * A generic webhook: POST the alert and its facts as JSON (`{"powercron": 1, "kind", "title", "text", "alert", "report"}`).
 * With a secret, two headers sign it: `X-Powercron-Timestamp` (epoch seconds) and `X-Powercron-Signature` =
 * `sha256=` + hex HMAC-SHA256(key = secret, message = timestamp + "." + body); a receiver recomputes it over the raw
 * body, compares in constant time and refuses an old timestamp (replay). Any 2xx answer is taken.
 */
import { createHmac } from "node:crypto";
import type { WebhookFormat } from "./http-post.ts";
import { JSON_HEADERS } from "./http-post.ts";
import { plainTextOf } from "./message.ts";

export const SIGNATURE_HEADER = "x-powercron-signature";
export const TIMESTAMP_HEADER = "x-powercron-timestamp";

export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestampSeconds}.${body}`, "utf8").digest("hex")}`;
}

export const webhook: WebhookFormat = {
  build({ alert, message, url, secret, nowMs, report }) {
    const body = JSON.stringify({
      powercron: 1,
      kind: alert.kind,
      title: message.title,
      text: plainTextOf(message),
      alert,
      ...(report === undefined ? {} : { report }),
    });
    if (secret === undefined) return { url, headers: JSON_HEADERS, body };
    const seconds = Math.floor(nowMs / 1000);
    return {
      url,
      headers: {
        ...JSON_HEADERS,
        [TIMESTAMP_HEADER]: String(seconds),
        [SIGNATURE_HEADER]: webhookSignature(secret, seconds, body),
      },
      body,
    };
  },
  rejection(status, text) {
    if (status >= 200 && status < 300) return undefined;
    return `HTTP ${status}: ${text.trim().slice(0, 200) || "(empty answer)"}`;
  },
};
