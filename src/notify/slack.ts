/**
 * Slack incoming webhook: POST `{"text": fallback, "blocks": [...]}` (Block Kit: a header, the facts as mrkdwn
 * fields, the failing instances); the URL's path is the secret. Answers `ok` as plain text with HTTP 200; errors
 * such as `invalid_payload` or `no_service` come as text with 4xx.
 */
import type { WebhookFormat } from "./http-post.ts";
import { JSON_HEADERS } from "./http-post.ts";
import { type AlertMessage, plainTextOf } from "./message.ts";

/** Slack reads `&`, `<` and `>` as markup (`<!channel>` pings everyone). */
function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function slackBlocks(message: AlertMessage): unknown[] {
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: clip(message.title, 150), emoji: false } },
    {
      type: "section",
      // at most 10 fields of at most 2000 characters each
      fields: message.facts
        .slice(0, 10)
        .map(([label, value]) => ({ type: "mrkdwn", text: clip(`*${escape(label)}*\n${escape(value)}`, 2000) })),
    },
  ];
  if (message.failuresTitle !== undefined) {
    const lines = message.failures.map((line) => `• ${escape(line)}`);
    if (message.more !== undefined) lines.push(`• ${escape(message.more)}`);
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: clip(`*${escape(message.failuresTitle)}*\n${lines.join("\n")}`, 3000) },
    });
  }
  return blocks;
}

export const slack: WebhookFormat = {
  build({ message, url }) {
    return {
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify({ text: clip(plainTextOf(message), 3000), blocks: slackBlocks(message) }),
    };
  },
  rejection(status, text) {
    const answer = text.trim().slice(0, 200) || "(empty answer)";
    if (status === 200 && text.trim() === "ok") return undefined;
    if (status === 200)
      return `HTTP 200: Slack's answer must be "ok", this one is ${answer} (is the URL a Slack incoming webhook?)`;
    return `HTTP ${status}: ${answer}`;
  },
};
