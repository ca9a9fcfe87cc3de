/**
 * WeCom (企业微信) group robot: POST `{"msgtype":"markdown","markdown":{"content":...}}` to the robot's URL (its `key`
 * query parameter is the secret); it answers `{"errcode":0,"errmsg":"ok"}`. Content at most 4096 bytes; about 20
 * messages a minute per robot, hence one message per run.
 */
import { JSON_HEADERS, jsonCodeRejection, type WebhookFormat } from "./http-post.ts";
import { markdownOf } from "./message.ts";
import { truncateBytes } from "./truncate.ts";

export const WECOM_MAX_CONTENT_BYTES = 4096;

export const wecom: WebhookFormat = {
  build({ message, url }) {
    const content = truncateBytes(markdownOf(message), WECOM_MAX_CONTENT_BYTES);
    return { url, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: "markdown", markdown: { content } }) };
  },
  rejection: (status, text) => jsonCodeRejection(status, text, "errcode"),
};
