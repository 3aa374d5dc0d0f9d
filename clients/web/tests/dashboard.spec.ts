// The public dashboard, in the browser against the chain, with no wallet at all: the node at a
// glance, each figure the chain's own.
import { expect, test } from "@playwright/test";
import { openAs, setUp, shoot, type World } from "./app";

let w: World;

test.beforeAll(async () => {
  w = await setUp();
});

test("anyone sees the node at a glance without a wallet, each figure the chain's", async ({ page }) => {
  await openAs(page, w, null, "dashboard");
  await expect(page.getByTestId("no-keplr")).toBeVisible();
  await expect(page.getByTestId("connect")).toHaveCount(0);

  const { members } = await w.chain.council.listMembers({ limit: 100 });
  await expect(page.getByTestId("members")).toHaveAttribute("data-count", String(members.length));
  const { homes } = await w.chain.housing.listHomes({ limit: 100 });
  await expect(page.getByTestId("homes")).toHaveAttribute("data-count", String(homes.length));
  const { applications } = await w.chain.housing.listApplications({ limit: 100 });
  await expect(page.getByTestId("waiting")).toHaveAttribute("data-count", String(applications.length));
  const { treaties } = await w.chain.relay.listTreaties({ limit: 100 });
  await expect(page.getByTestId("treaties")).toHaveAttribute("data-count", String(treaties.length));
  // The pool moves every period and on every claim: the page catches up with the chain within a refresh.
  await expect
    .poll(async () => (await page.getByTestId("pool").getAttribute("data-amount")) === (await w.chain.token.commonsPool()).pool, { timeout: 30_000 })
    .toBe(true);
  const pool = await w.chain.token.commonsPool();
  await expect(page.getByTestId("income-paid")).toHaveAttribute("data-amount", pool.income_paid_total);
  const info = await w.chain.token.tokenInfo();
  await expect(page.getByTestId("income-paid")).toHaveText(new RegExp(`^[\\d,]+\\.\\d{${info.decimals}} ${info.symbol}$`));
  // The proposals chart counts what the council lists, status by status.
  for (const status of ["open", "executed"] as const) {
    const { proposals } = await w.chain.council.listProposals({ status, limit: 100 });
    await expect(page.getByTestId("proposal-counts").locator(`tr[data-label="${status}"]`)).toHaveAttribute("data-value", String(proposals.length));
  }
  await shoot(page, "dashboard");
});

test("the pages are reachable by keyboard alone", async ({ page }) => {
  await openAs(page, w, null, "dashboard");
  await expect(page.getByTestId("page-dashboard")).toBeVisible();
  // Tab from the top of the page to the Council link, then Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === "nav-council") break;
  }
  await expect(page.getByTestId("nav-council")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("page-council")).toBeVisible();
  await expect(page.getByTestId("nav-council")).toHaveAttribute("aria-current", "page");
  // The status tabs answer the keyboard too.
  await page.getByTestId("status-executed").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("status-executed")).toHaveAttribute("aria-selected", "true");
});
