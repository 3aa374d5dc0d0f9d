// Deals, in the browser against the chain, three people in their own browsers: alice proposes a
// forward sale to bob with carol as arbitrator; bob signs; carol posts her collateral; alice
// confirms and the deal settles. A second deal is disputed by bob and carol rules on it.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { EscrowQueryClient } from "@dac/contracts-client/Escrow.client";
import { queriesThrough } from "../src/codegen-adapter";
import type { Account } from "./chain";
import { act, openAs, setUp, shoot, type World } from "./app";

let w: World;
let alice: Account;
let bob: Account;
let carol: Account;
let escrow: EscrowQueryClient;

test.beforeAll(async () => {
  w = await setUp();
  [alice, bob, carol] = ["alice", "bob", "carol"].map((n) => w.chain.account(n));
  escrow = new EscrowQueryClient(queriesThrough(w.chain.reader), w.config.contracts.escrow!);
});

async function person(browser: Browser, account: Account): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await openAs(page, w, account, "deals");
  return page;
}

/** Alice proposes a forward sale of `description` in her browser; returns the deal's id. */
async function propose(page: Page, description: string): Promise<number> {
  await page.getByTestId("deal-counterparty").fill(bob.address);
  await page.getByTestId("deal-arbitrator").fill(carol.address);
  await page.getByTestId("deal-amount").fill("0.5");
  await page.getByTestId("deal-collateral").fill("0.1");
  await page.getByTestId("deal-description").fill(description);
  await act(page, "deals-tx", page.getByTestId("deal-submit"));
  return Number(await page.getByTestId("proposed-deal").getAttribute("data-id"));
}

/** Bob signs and carol posts her collateral, each in their own browser: the deal is active. */
async function signAndBack(browser: Browser, id: number): Promise<[Page, Page]> {
  const bobs = await person(browser, bob);
  await act(bobs, "deals-tx", bobs.getByTestId(`deal-${id}`).getByTestId("deal-sign"));
  const carols = await person(browser, carol);
  await act(carols, "deals-tx", carols.getByTestId(`deal-${id}`).getByTestId("deal-collateral"));
  expect((await escrow.deal({ dealId: id })).status).toBe("active");
  return [bobs, carols];
}

test("a forward deal is proposed, signed by all three, confirmed and settled", async ({ page, browser }) => {
  await openAs(page, w, alice, "deals");
  const id = await propose(page, "a repaired bicycle");
  const proposed = await escrow.deal({ dealId: id });
  expect(proposed.status).toBe("proposed");
  expect(proposed.deal.description).toBe("a repaired bicycle");
  expect(proposed.deal.arbitrator).toMatchObject({ address: carol.address, stake: "100000" });
  expect(proposed.deal.parties.map((p) => [p.role, p.address])).toEqual([
    ["proposer", alice.address],
    ["counterparty", bob.address],
  ]);
  await signAndBack(browser, id);
  await expect(page.getByTestId(`deal-${id}`)).toHaveAttribute("data-status", "active");
  await shoot(page, "deals");
  await act(page, "deals-tx", page.getByTestId(`deal-${id}`).getByTestId("deal-confirm"));
  const closed = await escrow.deal({ dealId: id });
  expect(closed.status).toBe("closed");
  expect(closed.deal.status).toEqual({ closed: { outcome: { settled: {} } } });
  await expect(page.getByTestId(`deal-${id}`)).toHaveAttribute("data-status", "closed");
});

test("a party disputes a deal and the arbitrator rules on it", async ({ page, browser }) => {
  await openAs(page, w, alice, "deals");
  const id = await propose(page, "three crates of apples");
  const [bobs, carols] = await signAndBack(browser, id);
  const deal = bobs.getByTestId(`deal-${id}`);
  await deal.getByTestId("deal-reason").fill("The apples never came.");
  await act(bobs, "deals-tx", deal.getByTestId("deal-dispute"));
  const disputed = await escrow.deal({ dealId: id });
  expect(disputed.status).toBe("disputed");
  expect(disputed.deal.dispute).toMatchObject({ raised_by: bob.address, reason: "The apples never came." });
  await act(carols, "deals-tx", carols.getByTestId(`deal-${id}`).getByTestId("deal-rule-performed"));
  const ruled = await escrow.deal({ dealId: id });
  expect(ruled.deal.dispute?.ruling).toEqual({ performed: {} });
  expect(ruled.status).not.toBe("disputed");
});
