import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { TZ: "UTC" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
