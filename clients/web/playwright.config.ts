// The member page's browser test (scripts/web/test.sh): headless Debian Chromium, one worker
// (the tests share one chain), generous timeouts (a decay step is a real demurrage period).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "tests",
  // The Abroad spec needs a second chain whose node this one recognizes (scripts/chain/e2e.sh --ibc
  // runs it with DAC_WEB_PEER_CONFIG set); the one-chain run leaves it out.
  testIgnore: process.env.DAC_WEB_PEER_CONFIG ? [] : ["**/abroad.spec.ts"],
  timeout: 8 * 60_000,
  // Transactions wait for blocks, slower on a loaded machine (CI runs other chains beside).
  expect: { timeout: 60_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"]],
  // A run beside another (the e2e runs' app tests at once) keeps its traces apart.
  outputDir: process.env.DAC_WEB_RESULTS || "test-results",
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.DAC_CHROMIUM || "/usr/bin/chromium" },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
