// Money, in the browser against the chain: a founder connects through Keplr (the chain and the
// cw20 suggested first), watches the balance decay with the next step and a month's projection,
// claims basic income, pays someone, pays a contract, sees it all in the history the chain's
// index returns; a newcomer pays everything they hold; an overdraft fails with the token's own error.
import { expect, test } from "@playwright/test";
import type { Account } from "./chain";
import { act, amountOf, openAs, setUp, shoot, type World } from "./app";

let w: World;
let alice: Account;
let bob: Account;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  w = await setUp();
  alice = w.chain.account("alice");
  bob = w.chain.account("bob");
  // A home for alice, so she has fees to pay: the council registers one, she applies, anyone allocates.
  const { chain, config } = w;
  if ((await chain.housing.homeOf({ holder: alice.address })).home_id == null) {
    const { homes } = await chain.housing.listHomes({ limit: 30 });
    if (!homes.some((h) => h.status === "available" && h.rooms >= 2)) {
      await chain.pass("Register a two-room home in Riverside", [
        chain.wasmExecute(config.contracts.housing, { register_home: { zone: "Riverside", rooms: 2, accessibility: ["step_free"], status: "available" } }),
      ]);
    }
    await chain.housingAs(alice).apply({ householdSize: 2, needs: [] });
    for (let round = 0; round < 3 && (await chain.housing.homeOf({ holder: alice.address })).home_id == null; round++) {
      await chain.housingAs(alice).allocateRound({ limit: 10 });
    }
  }
  expect((await chain.housing.homeOf({ holder: alice.address })).home_id, "alice holds a home").not.toBeNull();
});

test("a member connects through Keplr, which learns the chain and the token first", async ({ page }) => {
  const keplr = await openAs(page, w, alice, "money");
  expect(keplr!.calls.slice(0, 2)).toEqual(["experimentalSuggestChain", "enable"]);
  const suggested = keplr!.suggested.get(w.config.chainId)!;
  expect(suggested.rpc).toBe(w.config.rpc);
  expect(suggested.bech32Config?.bech32PrefixAccAddr).toBe(w.config.bech32Prefix);
  expect(suggested.feeCurrencies[0].coinMinimalDenom).toBe(w.config.feeDenom);
  const info = await w.chain.token.tokenInfo();
  expect(suggested.currencies).toContainEqual(
    expect.objectContaining({ type: "cw20", contractAddress: w.config.contracts.token, coinDenom: info.symbol, coinDecimals: info.decimals }),
  );
  await expect(page.getByTestId("who")).toContainText(alice.address);
  await expect(page.getByTestId("standing")).toHaveText("member");
});

test("the balance decays live, with the next step and a month ahead, in display units", async ({ page }) => {
  await openAs(page, w, alice, "money");
  const info = await w.chain.token.tokenInfo();
  const demurrage = await w.chain.token.demurrage();
  await expect(page.getByTestId("balance")).toHaveAttribute("data-amount", /^\d+$/);
  const shown = await amountOf(page, "balance");
  expect(shown).toBe(BigInt((await w.chain.token.balance({ address: alice.address })).balance));
  // Display units with every decimal and the symbol, never raw micro-units.
  const whole = (shown / 10n ** BigInt(info.decimals)).toLocaleString("en-US");
  await expect(page.getByTestId("balance")).toContainText(new RegExp(`^${whole}\\.\\d{${info.decimals}} ${info.symbol}$`));
  // The month's projection is the token's own.
  const month = page.getByTestId("month");
  await expect(month).toContainText("In a month");
  const monthUnits = BigInt((await month.getAttribute("data-amount")) ?? "0");
  expect(monthUnits).toBeLessThan(shown);
  await expect(page.getByTestId("next-step")).toContainText(/Next decay in \d+ s: −/);
  await expect(page.getByTestId("income-window")).toContainText(`${demurrage.income_window_periods} periods`);
  // And it goes down at the next period, with nobody doing anything.
  await expect
    .poll(() => amountOf(page, "balance"), { timeout: (demurrage.period_seconds + 3 * w.config.refreshSeconds + 15) * 1000, intervals: [1000] })
    .toBeLessThan(shown);
  await shoot(page, "money");
});

test("a member claims basic income; the page reports what the token paid", async ({ page }) => {
  await openAs(page, w, alice, "money");
  await expect.poll(() => amountOf(page, "claimable"), { timeout: 120_000, intervals: [1000] }).toBeGreaterThan(0n);
  const paidBefore = BigInt((await w.chain.token.commonsPool()).income_paid_total);
  const hash = await act(page, "claim-tx", page.getByTestId("claim"));
  const income = BigInt((await page.getByTestId("claim-result").getAttribute("data-income")) ?? "0");
  expect(income).toBeGreaterThan(0n);
  const paidAfter = BigInt((await w.chain.token.commonsPool()).income_paid_total);
  expect(paidAfter - paidBefore, "the income the page reports is what the token paid").toBe(income);
  expect((await w.chain.reader.getTx(hash))?.code).toBe(0);
  // The history, from the chain's index, lists the claim by its hash.
  await expect(page.locator(`[data-testid="move"][data-tx="${hash}"]`)).toHaveAttribute("data-kind", "income");
});

test("a member pays another in display units; both see it in their history", async ({ page, browser }) => {
  await openAs(page, w, alice, "money");
  await page.getByTestId("pay-recipient").fill(bob.address);
  await page.getByTestId("pay-amount").fill("1.5");
  const hash = await act(page, "pay-tx", page.getByTestId("pay-submit"));
  // On chain: exactly 1.5 tokens (1,500,000 units) from alice to bob.
  const tx = await w.chain.reader.getTx(hash);
  const transfer = tx!.events.find((e) => e.type === "wasm" && e.attributes.some((a) => a.key === "action" && a.value === "transfer"))!;
  const attr = (k: string) => transfer.attributes.find((a) => a.key === k)?.value;
  expect([attr("from"), attr("to"), attr("amount")]).toEqual([alice.address, bob.address, "1500000"]);
  await expect(page.locator(`[data-testid="move"][data-tx="${hash}"]`)).toHaveAttribute("data-kind", "sent");
  await expect(page.locator(`[data-testid="move"][data-tx="${hash}"]`)).toContainText("1.500000");
  // Bob, in his own browser, sees it arrive.
  const bobs = await (await browser.newContext()).newPage();
  await openAs(bobs, w, bob, "money");
  await expect(bobs.locator(`[data-testid="move"][data-tx="${hash}"]`)).toHaveAttribute("data-kind", "received");
});

test("paying more than one holds fails with the token's own error and moves nothing", async ({ page }) => {
  await openAs(page, w, alice, "money");
  const before = BigInt((await w.chain.token.balance({ address: bob.address })).balance);
  await page.getByTestId("pay-recipient").fill(bob.address);
  await page.getByTestId("pay-amount").fill("999999999");
  await page.getByTestId("pay-submit").click();
  const status = page.getByTestId("pay-tx");
  await expect(status).toHaveAttribute("data-phase", "failed", { timeout: 60_000 });
  await expect(page.getByTestId("pay-tx-error")).toContainText(/insufficient/i);
  await expect(page.getByTestId("pay-tx-error")).not.toContainText("execute wasm contract failed");
  expect(BigInt((await w.chain.token.balance({ address: bob.address })).balance)).toBeLessThanOrEqual(before);
  // A typo is caught before anything is signed.
  await page.getByTestId("pay-amount").fill("1.0000001");
  await page.getByTestId("pay-submit").click();
  await expect(page.getByTestId("pay-problem")).toHaveText("At most 6 decimals.");
});

test("a member pays a contract: the housing registry's fees, credited on chain", async ({ page }) => {
  await openAs(page, w, alice, "money");
  const before = await w.chain.housing.arrears({ address: alice.address });
  await page.getByTestId("pay-contract-amount").fill("2");
  await act(page, "pay-contract-tx", page.getByTestId("pay-contract-submit"));
  const after = await w.chain.housing.arrears({ address: alice.address });
  expect(BigInt(after.paid_total) - BigInt(before.paid_total)).toBe(2_000_000n);
});

test("a newcomer pays everything they hold, and holds nothing after", async ({ page }) => {
  const newcomer = await w.chain.newcomer("newcomer");
  await w.chain.tokenAs(alice).transfer({ recipient: newcomer.address, amount: "3000000" });
  await openAs(page, w, newcomer, "money");
  // Not a member: the app shows how to join first; paying is one page away.
  await expect(page.getByTestId("join")).toBeVisible();
  await page.getByTestId("nav-money").click();
  await expect(page.getByTestId("balance")).toHaveAttribute("data-amount", /^[1-9]\d*$/);
  await page.getByTestId("pay-recipient").fill(alice.address);
  await page.getByTestId("pay-everything").check();
  await expect(page.getByTestId("pay-amount")).toBeDisabled();
  await act(page, "pay-tx", page.getByTestId("pay-submit"));
  expect((await w.chain.token.balance({ address: newcomer.address })).balance).toBe("0");
  await expect(page.getByTestId("balance")).toHaveAttribute("data-amount", "0");
});
