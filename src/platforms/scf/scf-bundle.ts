import type { BundleSpec } from "../platform-descriptor.ts";
import { compileTicks } from "./compiled-ticks.ts";
import { COMPILED_TICKS_DEFINE } from "./quiet-tick.ts";

/** The SCF bundle: CommonJS exporting `main_handler`, for the SCF runtime Nodejs22.21 (scf-deploy-check.ts), at the zip's root. */
export const SCF_BUNDLE: BundleSpec = {
  entryFile: "index.js",
  format: "cjs",
  target: "node22",
  entry: (name) => `src/platforms/scf/entry-${name}.ts`,
  handlerExport: "main_handler",
  zipCodeDir: () => "",
  zipConfigEntry: "schedules.yaml",
  leavesOut: [
    // The SNS client of the alerts (src/notify/): an SCF function sends no SNS alert.
    { file: "src/providers/aws/sns-publisher.ts", exportName: "SnsSdkPublisher", serves: "AWS SNS" },
  ],
  // index.js decides a tick with nothing due from the compiled schedule; full.js is loaded for every other fire.
  front: {
    entry: (name) => `src/platforms/scf/front-${name}.ts`,
    fullFile: "full.js",
    define: COMPILED_TICKS_DEFINE,
    data: (config, name, digest) => compileTicks(config, name, digest),
  },
};
