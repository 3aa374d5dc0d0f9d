// What every browser spec shares: the page's config, the app served with its /rpc proxy, the test's
// own view of the chain (tests/chain.ts), the Keplr stand-in, and screenshots at desktop and phone
// size. Set up once per Playwright worker (the specs run one after another on one chain).
//   DAC_WEB_CONFIG     the app's config.json (required; scripts/web/test.sh writes it)
//   DAC_ACCOUNTS_ENV   the test accounts (default: scripts/chain/accounts.env)
//   DAC_WEB_SHOTS      where screenshots go (default: clients/web/screenshots, git-ignored)
//   DAC_WEB_DIST       the built app to serve (default: clients/web/dist)
import { expect, type Browser, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import type { PageConfig } from "../src/config";
import { Chain, type Account } from "./chain";
import { KeplrStandIn } from "./keplr-stand-in";

const here = dirname(fileURLToPath(import.meta.url));
const SHORT_PERIOD_SECONDS = 60;

export interface World {
  config: PageConfig;
  chain: Chain;
  url: string;
  close: () => Promise<unknown>;
}

let world: Promise<World> | undefined;

export function setUp(): Promise<World> {
  world ??= (async () => {
    const configPath = process.env.DAC_WEB_CONFIG ?? "";
    expect(configPath, "DAC_WEB_CONFIG must name the app's config.json").not.toBe("");
    const config: PageConfig = JSON.parse(readFileSync(configPath, "utf8"));
    const accountsEnv = process.env.DAC_ACCOUNTS_ENV ?? join(here, "../../../scripts/chain/accounts.env");
    const server = await startServer({ configPath, rpc: config.rpc, ...(process.env.DAC_WEB_DIST ? { dist: process.env.DAC_WEB_DIST } : {}) });
    const chain = await Chain.connect(config, accountsEnv);
    // Decay the app can show within a test: one step a minute, at the highest rate the token allows.
    const demurrage = await chain.token.demurrage();
    if (demurrage.period_seconds > 2 * SHORT_PERIOD_SECONDS) {
      const periodsPerYear = (366 * 86_400) / SHORT_PERIOD_SECONDS;
      const rate = (Number(demurrage.max_yearly_rate) / periodsPerYear).toFixed(12);
      await chain.pass(`Demurrage of ${rate} every minute, for the app's test`, [
        chain.wasmExecute(config.contracts.token, { update_demurrage: { rate, period_seconds: SHORT_PERIOD_SECONDS } }),
      ]);
    }
    return { config, chain, url: server.url, close: server.close };
  })();
  return world;
}

/** Opens the app at `path` (e.g. "money") with the Keplr stand-in holding `account`'s key. */
export async function openAs(page: Page, w: World, account: Pick<Account, "mnemonic" | "name"> | null, path = "dashboard"): Promise<KeplrStandIn | null> {
  let keplr: KeplrStandIn | null = null;
  if (account) {
    keplr = new KeplrStandIn(account.mnemonic, account.name);
    await keplr.install(page);
  }
  await page.goto(`${w.url}#/${path}`);
  if (account) {
    await page.getByTestId("connect").click();
    await expect(page.getByTestId("who")).toBeVisible();
  }
  return keplr;
}

/** A second person in their own browser context (own Keplr, own page). */
export async function secondPerson(browser: Browser, w: World, account: Account, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openAs(page, w, account, path);
  return page;
}

/**
 * The page at desktop and at phone size, full length, into the screenshots folder; on the way,
 * checks what a screen reader and a phone need: every control has an accessible name, and
 * nothing is wider than the screen.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => {
        const control = el as HTMLInputElement;
        const labelled = (control.labels?.length ?? 0) > 0 || !!el.getAttribute("aria-label");
        return !(labelled || (el.tagName === "BUTTON" && el.textContent?.trim()));
      })
      .map((el) => el.outerHTML.slice(0, 100)),
  );
  expect(unnamed, `${name}: controls without a label`).toEqual([]);
  const dir = process.env.DAC_WEB_SHOTS ?? join(here, "../screenshots");
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const [size, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    // Nothing wider than the screen: a phone never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} fits a ${viewport.width}px-wide screen`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

export const amountOf = async (page: Page, testId: string) => BigInt((await page.getByTestId(testId).first().getAttribute("data-amount")) ?? "-1");

/**
 * Clicks `button` and waits for the transaction status `testId` to settle on a new transaction;
 * returns its hash, or fails with the error the page shows.
 */
export async function act(scope: Page | ReturnType<Page["locator"]>, testId: string, button: ReturnType<Page["locator"]>): Promise<string> {
  const status = scope.getByTestId(testId);
  const before = (await status.count()) ? await status.getAttribute("data-tx") : null;
  await button.click();
  await expect(async () => {
    const phase = await status.getAttribute("data-phase");
    expect(phase === "failed" || (phase === "included" && (await status.getAttribute("data-tx")) !== before), `waiting on ${testId}`).toBe(true);
  }).toPass({ timeout: 60_000 });
  expect(await status.getAttribute("data-phase"), `transaction ${testId}: ${await status.textContent()}`).toBe("included");
  return (await status.getAttribute("data-tx")) ?? "";
}
