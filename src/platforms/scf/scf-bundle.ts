import type { BundleSpec } from "../platform-descriptor.ts";

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
};
