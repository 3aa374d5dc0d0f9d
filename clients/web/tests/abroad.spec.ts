// Abroad and the mesh directory, in the browser against two real chains joined by the Go relayer
// (scripts/chain/e2e.sh --ibc runs it after the two-chain story, while the relayer runs): the app
// serves node A, whose relay recognizes node B (the config's peer, B's own config in
// DAC_WEB_PEER_CONFIG). alice on A sends tokens to bob on B, who holds vouchers for them there;
// bob sends tokens to alice, who brings some home to B and books a guest home on B with the rest;
// the story's treaty is in force; the mesh directory lists B's guest homes and price, read over
// B's RPC; alice sees her booking on B in her list and cancels it: B's registry cancels and
// refunds it, and the refund comes home to her as vouchers of B. Every check reads the chains,
// A's over A's RPC and B's over B's.
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { formatAmount } from "../src/amounts";
import type { PageConfig } from "../src/config";
import { isoOf, nights, today } from "../src/guests";
import { Chain, type Account } from "./chain";
import { act, openAs, setUp, shoot, type World } from "./app";

let w: World;
let b: Chain;
let a: { node: string; channel: string };
let peer: { name: string; channel: string };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  w = await setUp();
  const path = process.env.DAC_WEB_PEER_CONFIG ?? "";
  expect(path, "DAC_WEB_PEER_CONFIG must name the peer node's config.json").not.toBe("");
  const config: PageConfig = JSON.parse(readFileSync(path, "utf8"));
  b = await Chain.connect(config, process.env.DAC_ACCOUNTS_ENV ?? "");
  const name = w.config.peers?.[0]?.name ?? "";
  expect(name, "the app's config names the peer").toBe(config.node);
  const channelHere = (await w.chain.relay.listChannels({ limit: 30 })).channels.find((c) => c.open && c.node === name);
  const channelThere = (await b.relay.listChannels({ limit: 30 })).channels.find((c) => c.open && c.node === w.config.node);
  expect(channelHere && channelThere, "an open dac-relay-1 channel between the two relays").toBeTruthy();
  peer = { name, channel: channelHere!.channel_id };
  a = { node: w.config.node!, channel: channelThere!.channel_id };
});

/** Units as a person types them (display units, every decimal). Vouchers count 6 more decimals. */
const typed = (units: bigint, decimals: number) => formatAmount(units, decimals, "").trim().replace(/,/g, "");
const vouchersOf = async (chain: Chain, node: string, holder: Account) => BigInt((await chain.relay.voucher({ node, holder: holder.address })).shares);
const balanceOf = async (chain: Chain, holder: Account) => BigInt((await chain.token.balance({ address: holder.address })).balance);
const settled = async (chain: Chain) => (await chain.relay.pendingPackets({ limit: 30 })).packets.length === 0;
/** Packets cross through the relayer: a few blocks on each chain. */
const RELAYED = { timeout: 120_000, intervals: [1_000] };

test("alice sends tokens to bob on the other node, who holds vouchers for them there", async ({ page }) => {
  const alice = w.chain.account("alice");
  const bob = b.account("bob");
  const { decimals } = await w.chain.token.tokenInfo();
  const amount = 15n * 10n ** BigInt(decimals - 1);
  const before = await vouchersOf(b, a.node, bob);
  const supply = BigInt((await b.relay.node({ name: a.node })).voucher_supply);

  await openAs(page, w, alice, "abroad");
  await page.getByTestId("send-abroad-node").selectOption(peer.channel);
  await page.getByTestId("send-abroad-receiver").fill(bob.address);
  await page.getByTestId("send-abroad-amount").fill(typed(amount, decimals));
  const hash = await act(page, "send-abroad-tx", page.getByTestId("send-abroad-submit"));
  // The token moved exactly that from alice to the relay, which keeps it.
  expect(await w.chain.tokenMoves(hash)).toEqual([{ from: alice.address, to: w.config.contracts.relay, amount }]);

  // On B, over B's RPC: bob holds new vouchers of A, and B counts them in A's voucher supply.
  await expect.poll(() => vouchersOf(b, a.node, bob), RELAYED).toBeGreaterThan(before);
  const got = (await vouchersOf(b, a.node, bob)) - before;
  expect(BigInt((await b.relay.node({ name: a.node })).voucher_supply) - supply).toBe(got);
  await expect.poll(() => settled(w.chain), RELAYED).toBe(true);
});

test("alice holds vouchers of the other node, brings some home there and books a guest home there with the rest", async ({ page }) => {
  const alice = w.chain.account("alice");
  const aliceThere = b.account("alice");
  const bob = b.account("bob");
  const info = await b.token.tokenInfo();
  // bob, on B, sends alice 5 of B's tokens (outside the page): she gets vouchers of B on A.
  const held0 = await vouchersOf(w.chain, peer.name, alice);
  const hook = { transfer: { channel_id: a.channel, receiver: alice.address } };
  await b.tokenAs(bob).send({ contract: b.config.contracts.relay!, amount: String(5n * 10n ** BigInt(info.decimals)), msg: Buffer.from(JSON.stringify(hook)).toString("base64") });
  await expect.poll(() => vouchersOf(w.chain, peer.name, alice), RELAYED).toBeGreaterThan(held0);
  const held = await vouchersOf(w.chain, peer.name, alice);

  await openAs(page, w, alice, "abroad");
  const row = page.locator(`[data-testid="voucher"][data-node="${peer.name}"]`);
  await expect(row).toHaveAttribute("data-shares", held.toString());
  // What they are worth on B, read over B's RPC: a share of what B's relay keeps for A.
  // (It decays every period: compared with the chain within the page's refresh.)
  const worth = async () => {
    const there = await b.relay.node({ name: a.node });
    return ((held * BigInt(there.held_value)) / BigInt(there.held_units)).toString();
  };
  await expect.poll(async () => (await row.getByTestId("voucher-worth").getAttribute("data-amount")) === (await worth()), { timeout: 30_000 }).toBe(true);
  await expect(page.locator('[data-testid="treaty"]').first()).toBeVisible();
  await shoot(page, "abroad");

  await expect(row).toContainText(formatAmount(held, info.decimals + 6, "vouchers"));

  // More than she holds: the relay's own error, and nothing moves.
  await page.getByTestId("return-node").selectOption(peer.channel);
  await page.getByTestId("return-shares").fill(typed(held + 1n, info.decimals + 6));
  await page.getByTestId("return-submit").click();
  await expect(page.getByTestId("return-tx")).toHaveAttribute("data-phase", "failed");
  await expect(page.getByTestId("return-tx-error")).toContainText(`not enough vouchers: have ${held}, need ${held + 1n}`);
  expect(await vouchersOf(w.chain, peer.name, alice)).toBe(held);

  // She brings a fifth home, to her own account on B.
  const back = held / 5n;
  const balance0 = await balanceOf(b, aliceThere);
  await page.getByTestId("return-node").selectOption(peer.channel);
  await page.getByTestId("return-shares").fill(typed(back, info.decimals + 6));
  await expect(page.getByTestId("return-receiver")).toHaveValue(alice.address);
  await act(page, "return-tx", page.getByTestId("return-submit"));
  expect(await vouchersOf(w.chain, peer.name, alice)).toBe(held - back);
  await expect.poll(() => balanceOf(b, aliceThere), RELAYED).toBeGreaterThan(balance0);
  await expect.poll(() => settled(w.chain), RELAYED).toBe(true);
  await expect(row).toHaveAttribute("data-shares", (held - back).toString());

  // A guest home on B (registered by B's council when it has none), three weeks ahead.
  const homesThere = async () => (await b.housing.listHomes({ limit: 30 })).homes.filter((h) => h.status === "guest");
  if ((await homesThere()).length === 0) {
    const flat = { register_home: { zone: "Ridge guest cabin", rooms: 2, accessibility: ["step_free"], status: "guest" } };
    await b.pass("Register a guest cabin on the ridge", [b.wasmExecute(b.config.contracts.housing, flat)]);
  }
  const home = (await homesThere())[0].home_id;
  const booked = (await b.housing.listBookings({ homeId: home, startAfter: today() - 1, limit: 30 })).bookings;
  const start = Math.max(today() + 21, ...booked.map((x) => x.end_day));
  const { guest: rules } = await b.housing.config();

  // The mesh directory, without a wallet, lists B's guest homes and price, read over B's RPC.
  const directory = await page.context().newPage();
  await openAs(directory, w, null, "mesh");
  const entry = directory.locator(`[data-testid="mesh-node"][data-node="${peer.name}"]`);
  await expect(entry.getByTestId("mesh-price")).toHaveAttribute("data-amount", rules.price_per_day);
  await expect(entry.getByTestId("mesh-price")).toContainText(formatAmount(rules.price_per_day, info.decimals, info.symbol));
  await expect(entry.getByTestId("mesh-home")).toHaveCount((await homesThere()).length);
  await expect(entry.locator(`[data-testid="mesh-home"][data-home="${home}"]`)).toBeVisible();
  await shoot(directory, "mesh");
  await directory.close();

  // She books one night with all her vouchers of B: B takes what the night costs, the rest come back.
  const offered = held - back;
  await page.getByTestId("book-abroad-node").selectOption(peer.channel);
  await page.getByTestId("book-abroad-home").selectOption(String(home));
  await page.getByTestId("book-abroad-first").fill(isoOf(start));
  await page.getByTestId("book-abroad-nights").fill("1");
  await expect(page.getByTestId("book-abroad-cost")).toHaveAttribute("data-amount", rules.price_per_day);
  const need = BigInt((await page.getByTestId("book-abroad-need").getAttribute("data-shares")) ?? "0");
  expect(need > 0n && need < offered, `the page's estimate ${need} of the vouchers a night needs`).toBe(true);
  await page.getByTestId("book-abroad-shares").fill(typed(offered, info.decimals + 6));
  await act(page, "book-abroad-tx", page.getByTestId("book-abroad-submit"));
  const stay = async () => (await b.housing.listBookings({ homeId: home, startAfter: start - 1, limit: 30 })).bookings.find((x) => x.start_day === start);
  await expect.poll(async () => (await stay())?.guest, RELAYED).toBe(alice.address);
  expect(await stay()).toMatchObject({ end_day: start + 1, payer: b.config.contracts.relay, on_behalf_of: `${a.node}/${alice.address}`, paid: rules.price_per_day, status: "active" });
  await expect.poll(() => settled(w.chain), RELAYED).toBe(true);
  const left = await vouchersOf(w.chain, peer.name, alice);
  expect(left > 0n && left < offered, `the unspent vouchers came back: ${left} of ${offered}`).toBe(true);
  // B used what the page said a night needs (give or take a period's decay and rounding).
  const used = offered - left;
  expect(used >= (need * 999n) / 1000n && used <= (need * 1001n) / 1000n, `B used ${used} vouchers, the page said ${need}`).toBe(true);
});

test("alice sees her booking on the other node with what cancelling refunds, cancels it there, and the refund comes home as vouchers", async ({ page }) => {
  const alice = w.chain.account("alice");
  const info = await b.token.tokenInfo();
  const voucherDecimals = info.decimals + 6;
  // Her active bookings on B, as B's registry lists them (the previous test made one).
  const visitor = `${a.node}/${alice.address}`;
  // Stays under way or to come: the longest stay back from today.
  const { guest: rules } = await b.housing.config();
  const homes = (await b.housing.listHomes({ limit: 30 })).homes.filter((h) => h.status === "guest");
  const lists = await Promise.all(homes.map((h) => b.housing.listBookings({ homeId: h.home_id, startAfter: today() - rules.max_stay_days, limit: 30 })));
  const mine = lists.flatMap((l) => l.bookings).filter((x) => x.on_behalf_of === visitor && x.payer === b.config.contracts.relay && x.status === "active");
  expect(mine.length, "alice has a booking on B (made by the previous test)").toBeGreaterThan(0);
  const stay = mine.filter((x) => x.start_day > today()).sort((x, y) => x.start_day - y.start_day)[0];
  expect(stay, "one of them still to come").toBeTruthy();

  await openAs(page, w, alice, "abroad");
  const list = page.locator(`[data-testid="peer-bookings"][data-node="${peer.name}"]`);
  await expect(list.getByTestId("abroad-booking")).toHaveCount(mine.length);
  const row = list.locator(`[data-testid="abroad-booking"][data-booking="${stay.booking_id}"]`);
  await expect(row).toContainText(nights(stay.start_day, stay.end_day));
  await expect(row.getByTestId("abroad-booking-paid")).toHaveAttribute("data-amount", stay.paid);
  await expect(row.getByTestId("abroad-booking-paid")).toContainText(formatAmount(stay.paid, info.decimals, info.symbol));
  // What cancelling refunds now is B's registry's quote (it decays every period: compared within
  // the page's refresh), in B's token and in the vouchers it would come back as.
  const refund = row.getByTestId("abroad-booking-refund");
  const quoted = async () => (await b.housing.refundQuote({ bookingId: stay.booking_id, asAdmin: false })).refund;
  await expect.poll(async () => (await refund.getAttribute("data-amount")) === (await quoted()), { timeout: 30_000 }).toBe(true);
  const quote = BigInt((await refund.getAttribute("data-amount")) ?? "0");
  expect(quote > 0n && quote < BigInt(stay.paid), `a refund ${quote} short of the ${stay.paid} paid (the registry keeps its cancellation fee)`).toBe(true);
  await expect(refund).toContainText(`Cancelling now refunds ${formatAmount(quote, info.decimals, info.symbol)} there`);
  const estimate = BigInt((await refund.getAttribute("data-shares")) ?? "0");
  expect(estimate, "the page estimates the vouchers the refund comes back as").toBeGreaterThan(0n);
  await expect(refund).toContainText(formatAmount(estimate, voucherDecimals, "vouchers"));
  await shoot(page, "abroad-bookings");

  // Keyboard and screen reader: the button says which booking it cancels, and takes the focus.
  const cancel = row.getByTestId("abroad-booking-cancel");
  await expect(cancel).toHaveAccessibleName(`Cancel booking #${stay.booking_id} on ${peer.name}`);
  await cancel.focus();
  await expect(cancel).toBeFocused();
  const held0 = await vouchersOf(w.chain, peer.name, alice);
  const hash = await act(page, "cancel-abroad-tx", cancel);
  // On A: alice's cancellation left as a packet of her relay, nothing else moved.
  const sent = (await w.chain.reader.getTx(hash))!.events
    .filter((e) => e.type === "wasm")
    .map((e) => Object.fromEntries(e.attributes.map((x) => [x.key, x.value])))
    .find((x) => x.action === "cancel_guest_booking");
  expect(sent).toMatchObject({ _contract_address: w.config.contracts.relay, node: peer.name, sender: alice.address });
  expect(await w.chain.tokenMoves(hash)).toEqual([]);

  // On B, over B's RPC once relayed: cancelled, refunded about what the page quoted (a few periods'
  // decay less at most), and its nights free again.
  const booking = () => b.housing.booking({ bookingId: stay.booking_id });
  await expect.poll(async () => (await booking()).status, RELAYED).toBe("cancelled");
  const refunded = BigInt((await booking()).refunded);
  expect(refunded <= quote && refunded >= (quote * 999n) / 1000n, `B refunded ${refunded}, the page quoted ${quote}`).toBe(true);
  const after = await b.housing.listBookings({ homeId: stay.home_id, startAfter: stay.start_day - 1, limit: 1 });
  expect(after.bookings.some((x) => x.booking_id === stay.booking_id)).toBe(false);
  const outcome = page.getByTestId("cancel-abroad-outcome");
  await expect(outcome).toHaveAttribute("data-phase", "cancelled", RELAYED);
  await expect(outcome).toHaveAttribute("data-refunded", refunded.toString());
  await expect(outcome).toContainText(`refunded ${formatAmount(refunded, info.decimals, info.symbol)}`);
  await expect(row).toHaveCount(0);

  // At home, on A: the refund arrived as vouchers of B, worth there what B refunded (less rounding),
  // as the page estimated, and her voucher row shows them in display units.
  await expect.poll(() => vouchersOf(w.chain, peer.name, alice), RELAYED).toBeGreaterThan(held0);
  const held = await vouchersOf(w.chain, peer.name, alice);
  const got = held - held0;
  const there = await b.relay.node({ name: a.node });
  const worth = (got * BigInt(there.held_value)) / BigInt(there.held_units);
  expect(worth <= refunded && worth >= (refunded * 999n) / 1000n, `${got} vouchers worth ${worth} on B for a refund of ${refunded}`).toBe(true);
  expect(got >= (estimate * 999n) / 1000n && got <= (estimate * 1001n) / 1000n, `${got} vouchers came back, the page said about ${estimate}`).toBe(true);
  const voucherRow = page.locator(`[data-testid="voucher"][data-node="${peer.name}"]`);
  await expect(voucherRow).toHaveAttribute("data-shares", held.toString());
  await expect(voucherRow).toContainText(formatAmount(held, voucherDecimals, "vouchers"));
  await expect.poll(() => settled(w.chain), RELAYED).toBe(true);
  await expect.poll(() => settled(b), RELAYED).toBe(true);
});

test("the treaties in force are the relay's ratified ones", async ({ page }) => {
  const { treaties } = await w.chain.relay.listTreaties({ limit: 30 });
  const ratified = treaties.filter((t) => t.status === "ratified");
  expect(ratified.length, "the two-chain story ratified a treaty").toBeGreaterThan(0);
  await openAs(page, w, null, "abroad");
  await expect(page.getByTestId("treaty")).toHaveCount(ratified.length);
  for (const t of ratified) {
    await expect(page.locator(`[data-testid="treaty"][data-id="${t.id}"]`)).toContainText(t.title);
  }
});

test("the trades listed are the relay's, each with its status and its shipment updates", async ({ page }) => {
  const statuses = ["offered", "accepted", "shipping", "delivered", "paid"] as const;
  const lists = await Promise.all(statuses.map((status) => w.chain.relay.tradesByStatus({ status, limit: 30 })));
  const trades = lists.flatMap((l) => l.trades);
  expect(trades.length, "the two-chain story made a trade").toBeGreaterThan(0);
  await openAs(page, w, null, "abroad");
  await expect(page.getByTestId("trade")).toHaveCount(trades.length);
  for (const t of trades) {
    const row = page.locator(`[data-testid="trade"][data-id="${t.id}"]`);
    await expect(row).toHaveAttribute("data-status", t.status);
    await expect(row).toContainText(`${t.containers} container(s) of ${t.goods}`);
    const { updates } = await w.chain.relay.shipmentUpdates({ tradeId: t.id, limit: 30 });
    expect(updates.length).toBe(t.shipment_updates);
    await expect(row.locator('[data-testid="shipment-updates"] > li')).toHaveCount(updates.length);
  }
});
