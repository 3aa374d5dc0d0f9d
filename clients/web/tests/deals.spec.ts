// Deals, in the browser against the chain, each person in their own browser, every kind the
// escrow has: alice proposes a forward sale to bob with carol as arbitrator; bob signs; carol posts
// her collateral; alice confirms and the deal settles. A second deal is disputed by bob, carol
// rules and alice appeals to a council panel. A loan is repaid with interest, an insurance claim
// accepted, a service's first milestone delivered and paid, a pool joined by a third member and
// topped up, a trade shipment called off; a deal nobody signed expires and bob advances it.
import type { ExecuteResult } from "@cosmjs/cosmwasm";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { EscrowQueryClient } from "@dac/contracts-client/Escrow.client";
import { secondsToNanos } from "../src/amounts";
import { queriesThrough } from "../src/codegen-adapter";
import { wasmAttribute, type Account } from "./chain";
import { act, openAs, setUp, shoot, type World } from "./app";

let w: World;
let alice: Account;
let bob: Account;
let carol: Account;
let dave: Account;
let escrow: EscrowQueryClient;
/** Proposed in beforeAll with a signing deadline a minute away; nobody signs it. */
let expiring: number;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  w = await setUp();
  [alice, bob, carol, dave] = ["alice", "bob", "carol", "dave"].map((n) => w.chain.account(n));
  const escrowAddress = w.config.contracts.escrow!;
  escrow = new EscrowQueryClient(queriesThrough(w.chain.reader), escrowAddress);
  // The last test advances it once its signing deadline passed; the tests between take longer.
  const now = Math.floor(Date.now() / 1000);
  const terms = {
    counterparty: bob.address,
    arbitrator: carol.address,
    kind: { forward: {} },
    counterparty_stake: "0",
    arbitrator_collateral: "100000",
    sign_by: secondsToNanos(now + 45),
    due: secondsToNanos(now + 86_400),
    grace_seconds: 3600,
    ruling_seconds: 3600,
    appeal_seconds: 3600,
    description: "a deal nobody signs",
  };
  const msg = Buffer.from(JSON.stringify({ propose: terms })).toString("base64");
  const result: ExecuteResult = await w.chain.tokenAs(alice).send({ contract: escrowAddress, amount: "250000", msg });
  expiring = Number(wasmAttribute(result, "deal_id"));
});

/** Each person's own browser, opened on the deals page once and kept for the tests that follow. */
const browsers = new Map<string, Page>();
async function person(browser: Browser, account: Account): Promise<Page> {
  let page = browsers.get(account.name);
  if (!page) {
    page = await (await browser.newContext()).newPage();
    await openAs(page, w, account, "deals");
    browsers.set(account.name, page);
  }
  return page;
}

/**
 * Fills the Propose form's fields by name (deal-<name>) with bob as counterparty, carol as
 * arbitrator and no counterparty stake unless given (the form keeps the last deal's values).
 */
async function fill(page: Page, kind: string, fields: Record<string, string>): Promise<void> {
  await page.getByTestId("deal-kind").selectOption(kind);
  for (const [name, value] of Object.entries({ counterparty: bob.address, arbitrator: carol.address, collateral: "0.1", counterpartyStake: "", ...fields })) {
    await page.getByTestId(`deal-${name}`).fill(value);
  }
}

/** Submits the filled form; returns the new deal's id. */
async function submit(page: Page): Promise<number> {
  await act(page, "deals-tx", page.getByTestId("deal-submit"));
  return Number(await page.getByTestId("proposed-deal").getAttribute("data-id"));
}

/** Alice proposes a forward sale of `description` in her browser; returns the deal's id. */
async function propose(page: Page, description: string): Promise<number> {
  await fill(page, "forward", { amount: "0.5", description });
  return submit(page);
}

/** Clicks `button` on deal `id` in `page` and waits for the transaction; returns its hash. */
function on(page: Page, id: number, button: string): Promise<string> {
  return act(page, "deals-tx", page.getByTestId(`deal-${id}`).getByTestId(button));
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

test("a forward deal is proposed, signed by all three, confirmed and settled", async ({ browser }) => {
  const page = await person(browser, alice);
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

test("a party disputes a deal, the arbitrator rules on it and the other party appeals to a council panel", async ({ browser }) => {
  const page = await person(browser, alice);
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
  // The node's escrow has a council to appeal to: the ruling waits out its appeal window.
  expect(ruled.status).toBe("ruled");
  // Alice, the buyer the ruling went against, appeals to a council panel.
  await expect(page.getByTestId(`deal-${id}`)).toHaveAttribute("data-status", "ruled");
  await on(page, id, "deal-appeal");
  const appealed = await escrow.deal({ dealId: id });
  expect(appealed.status).toBe("appealed");
  expect(appealed.deal.dispute?.appealed_by).toBe(alice.address);
  expect(appealed.panel_by).toBe(appealed.next_deadline);
  await expect(page.getByTestId(`deal-${id}`).getByTestId("deal-deadline")).toHaveAttribute("data-at", appealed.next_deadline!);
});

test("a loan: the borrower signs with collateral, gets the principal and repays it with interest", async ({ browser }) => {
  const page = await person(browser, alice);
  await fill(page, "loan", { amount: "1", interest: "0.1", counterpartyStake: "0.5", description: "seed money" });
  const id = await submit(page);
  const proposed = await escrow.deal({ dealId: id });
  expect(proposed.deal.kind).toEqual({ loan: { interest: "100000" } });
  expect(proposed.deal.parties.map((p) => [p.role, p.stake])).toEqual([
    ["proposer", "1000000"],
    ["counterparty", "500000"],
  ]);
  // Bob signs by depositing his collateral; the principal goes to him when the deal is active.
  const bobs = await person(browser, bob);
  await on(bobs, id, "deal-sign");
  expect((await escrow.deal({ dealId: id })).deal.parties[1]).toMatchObject({ signed: true });
  const carols = await person(browser, carol);
  const activation = await on(carols, id, "deal-collateral");
  expect(await w.chain.receivedIn(activation, bob.address)).toBeGreaterThan(990_000n);
  expect((await escrow.deal({ dealId: id })).status).toBe("active");
  // He repays principal and interest, 1.1 tokens, all of it to alice; his collateral comes back.
  await expect(bobs.getByTestId(`deal-${id}`).getByTestId("deal-repay")).toContainText("1.100000");
  const repaid = await on(bobs, id, "deal-repay");
  expect(await w.chain.receivedIn(repaid, alice.address)).toBeGreaterThanOrEqual(1_100_000n);
  expect(await w.chain.receivedIn(repaid, bob.address)).toBeGreaterThan(490_000n);
  expect((await escrow.deal({ dealId: id })).deal.status).toEqual({ closed: { outcome: { settled: {} } } });
});

test("insurance: the insured claims a loss and the insurer accepts it, paying the cover", async ({ browser }) => {
  const page = await person(browser, alice);
  await fill(page, "insurance", { amount: "0.2", counterpartyStake: "1", description: "a flooded cellar" });
  const id = await submit(page);
  expect((await escrow.deal({ dealId: id })).deal.kind).toEqual({ insurance: {} });
  const [bobs] = await signAndBack(browser, id);
  await expect(page.getByTestId(`deal-${id}`)).toHaveAttribute("data-status", "active");
  await on(page, id, "deal-claim");
  expect((await escrow.deal({ dealId: id })).deal.claimed).toBe(true);
  await expect(bobs.getByTestId(`deal-${id}`).getByTestId("deal-next")).toContainText("claimed a loss");
  const paid = await on(bobs, id, "deal-confirm");
  expect(await w.chain.receivedIn(paid, alice.address)).toBeGreaterThan(990_000n);
  expect((await escrow.deal({ dealId: id })).deal.status).toEqual({ closed: { outcome: { settled: {} } } });
});

test("a service in two milestones: the provider delivers the first and is paid for it", async ({ browser }) => {
  const page = await person(browser, alice);
  await fill(page, "service", { "milestone-0": "0.3", "milestone-0-due": "2", "milestone-1": "0.2", "milestone-1-due": "4", description: "a new roof" });
  await shoot(page, "deals-service");
  const id = await submit(page);
  const proposed = await escrow.deal({ dealId: id });
  const milestones = "service" in proposed.deal.kind ? proposed.deal.kind.service.milestones : [];
  expect(milestones.map((m) => m.amount)).toEqual(["300000", "200000"]);
  expect(proposed.deal.due).toBe(milestones[1].due);
  expect(proposed.deal.parties.map((p) => p.stake)).toEqual(["500000", "0"]);
  const [bobs] = await signAndBack(browser, id);
  await on(bobs, id, "deal-claim");
  expect((await escrow.deal({ dealId: id })).deal.claimed).toBe(true);
  const paid = await on(page, id, "deal-confirm");
  expect(await w.chain.receivedIn(paid, bob.address)).toBeGreaterThan(290_000n);
  const next = await escrow.deal({ dealId: id });
  expect([next.status, next.deal.milestone, next.deal.claimed]).toEqual(["active", 1, false]);
  await expect(page.getByTestId(`deal-${id}`).getByTestId("deal-next")).toContainText("Milestone 2 of 2");
});

test("a pool: a third member signs with her stake and the proposer tops it up", async ({ browser }) => {
  const page = await person(browser, alice);
  await fill(page, "pool", { amount: "0.3", counterpartyStake: "0.2", "member-0": dave.address, "member-0-stake": "0.1", description: "the shared freezer" });
  const id = await submit(page);
  const proposed = await escrow.deal({ dealId: id });
  expect(proposed.deal.parties.map((p) => [p.role, p.address, p.stake])).toEqual([
    ["proposer", alice.address, "300000"],
    ["counterparty", bob.address, "200000"],
    ["member", dave.address, "100000"],
  ]);
  const daves = await person(browser, dave);
  await on(daves, id, "deal-sign");
  await signAndBack(browser, id);
  await page.getByTestId(`deal-${id}`).getByTestId("deal-contribution").fill("0.05");
  const hash = await on(page, id, "deal-contribute");
  expect((await w.chain.tokenMoves(hash)).filter((m) => m.from === alice.address).map((m) => m.amount)).toEqual([50_000n]);
  expect(BigInt((await escrow.deal({ dealId: id })).deal.extra)).toBeGreaterThan(0n);
});

test("a trade shipment names the node's relay as attestor, and the proposer calls it off before it is signed", async ({ browser }) => {
  const page = await person(browser, alice);
  await page.getByTestId("deal-kind").selectOption("trade_shipment");
  await expect(page.getByTestId("deal-attestor")).toContainText(w.config.contracts.relay!);
  await fill(page, "trade_shipment", { amount: "0.4", description: "two barrels of cider" });
  const id = await submit(page);
  expect((await escrow.deal({ dealId: id })).deal.kind).toEqual({ trade_shipment: { attestor: w.config.contracts.relay } });
  const hash = await on(page, id, "deal-withdraw");
  expect(await w.chain.receivedIn(hash, alice.address)).toBeGreaterThan(390_000n);
  expect((await escrow.deal({ dealId: id })).deal.status).toEqual({ closed: { outcome: { withdrawn: {} } } });
});

test("a deal nobody signed by its deadline expires: a party advances it and the proposer is refunded", async ({ browser }) => {
  const page = await person(browser, bob);
  const deal = page.getByTestId(`deal-${expiring}`);
  await expect(deal).toHaveAttribute("data-status", "proposed");
  // Advance shows once the deadline passed.
  await expect(deal.getByTestId("deal-advance")).toBeVisible({ timeout: 120_000 });
  const hash = await on(page, expiring, "deal-advance");
  expect(await w.chain.receivedIn(hash, alice.address)).toBeGreaterThan(240_000n);
  expect((await escrow.deal({ dealId: expiring })).deal.status).toEqual({ closed: { outcome: { expired: {} } } });
  await expect(deal).toHaveAttribute("data-status", "closed");
});
