import type { FunctionName } from "./function-names.ts";
import type { BundleSpec } from "./platform-descriptor.ts";

/** The platform's handler string: `index.main_handler` on SCF, `dist/aws/start/index.handler` on Lambda. */
export function handlerString(bundle: BundleSpec, name: FunctionName): string {
  return `${bundle.zipCodeDir(name)}${bundle.entryFile.replace(/\.js$/, "")}.${bundle.handlerExport}`;
}
