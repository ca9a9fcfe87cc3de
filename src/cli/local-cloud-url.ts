import { InvalidInputError } from "../errors.ts";

/**
 * The URL of `--local-cloud`: an http(s) URL, or `host:port` (taken as http://host:port). Anything else is refused
 * naming the flag, before it becomes the endpoint variables the SDKs read.
 */
export function localCloudUrl(raw: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
    throw new InvalidInputError(
      `--local-cloud: ${JSON.stringify(raw)} is not an http(s) URL or host:port (such as http://127.0.0.1:9000)`,
    );
  }
  return url.origin;
}
