import type { HttpAnswer } from "../http-types.ts";
import { toXml } from "./xml-writer.ts";

export const EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

const xmlHeaders = (requestId: string) => ({ "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": requestId });

/** `<ActionResponse xmlns="…2016-11-15/"><requestId>…</requestId>…</ActionResponse>`, as EC2 answers. */
export function ec2Answer(action: string, requestId: string, body: Record<string, unknown>): HttpAnswer {
  const xml = toXml({ [`${action}Response`]: { "@_xmlns": EC2_NAMESPACE, requestId, ...body } });
  return { status: 200, headers: xmlHeaders(requestId), body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
}

export function ec2ErrorAnswer(status: number, code: string, message: string, requestId: string): HttpAnswer {
  const xml = toXml({ Response: { Errors: { Error: { Code: code, Message: message } }, RequestID: requestId } });
  return { status, headers: xmlHeaders(requestId), body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
}
