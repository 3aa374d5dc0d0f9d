// The member page's browser test (scripts/web/test.sh): headless Debian Chromium, one worker
// (the tests share one chain), generous timeouts (a decay step is a real demurrage period).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "tests",
  timeout: 8 * 60_000,
  // Transactions wait for blocks, slower on a loaded machine (CI runs other chains beside).
  expect: { timeout: 60_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.DAC_CHROMIUM || "/usr/bin/chromium" },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
