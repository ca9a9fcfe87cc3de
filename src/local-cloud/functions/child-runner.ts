/**
 * The program each invocation's child process runs (an ES module given to `node -e`): it loads the built bundle,
 * calls its handler with the event and a context, and sends back the result or the error, with its peak RSS.
 */
export const CHILD_RUNNER = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
// VmHWM: the child's own high-water mark (getrusage's maxRSS carries the spawning parent's across fork and exec).
const peakKb = () => {
  try { return Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]); }
  catch { return process.resourceUsage().maxRSS; }
};
process.once("message", async (request) => {
  const reply = (message) => process.send({ ...message, maxRssKb: peakKb() }, () => process.exit(0));
  try {
    const module = await import(pathToFileURL(request.entry).href);
    const handler = module[request.handlerExport] ?? module.default?.[request.handlerExport];
    if (typeof handler !== "function") throw new Error(request.entry + " exports no function " + request.handlerExport);
    const deadline = Date.now() + request.timeoutMs;
    const context = { ...request.context, getRemainingTimeInMillis: () => deadline - Date.now() };
    const result = await handler(request.event, context);
    reply({ ok: true, result: result === undefined ? null : result });
  } catch (error) {
    reply({ ok: false, errorType: error?.name ?? "Error", errorMessage: String(error?.message ?? error) });
  }
});
`;
