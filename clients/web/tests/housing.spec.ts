// Housing, in the browser against the chain: a new member applies with her household and needs,
// sees who is ahead of her (another newcomer applied first) and the registry's score for each
// vacant home, runs an allocation round and is housed; she pays her fees in display units and
// gives the home back. Two holders swap homes, one offering (and withdrawing, and offering again)
// in her browser, the other accepting in his. A member books nights in a guest home and cancels
// them for the published refund; another member wanting the same nights is refused, and books the
// night after instead. A member whose stay has begun releases its payment to the node's treasury.
import { expect, test } from "@playwright/test";
import { formatAmount } from "../src/amounts";
import { isoOf, today } from "../src/guests";
import { wasmAttribute, type Account } from "./chain";
import { act, openAs, secondPerson, setUp, shoot, type World } from "./app";

let w: World;
let carol: Account; // the member who uses the page
let dave: Account; // the one ahead of her

test.beforeAll(async () => {
  w = await setUp();
  const { chain, config } = w;
  // Two newcomers admitted by a gatekeeper: members without a home, whatever ran on the chain before.
  [carol, dave] = [await chain.newcomer("ines"), await chain.newcomer("jon")];
  for (const who of [carol, dave]) {
    await chain.councilAs(who).apply({ statement: "I would like to live here." });
    await chain.councilAs(chain.account("alice")).admit({ applicant: who.address });
  }
  // Something to pay fees with.
  await chain.tokenAs(chain.account("alice")).transfer({ recipient: carol.address, amount: "5000000" });
});

test("a member applies for a home, sees why she waits, is housed, pays her fees and gives the home back", async ({ page }) => {
  // The other newcomer applied first: he is ahead of her.
  await w.chain.housingAs(dave).apply({ householdSize: 2, needs: [] });
  await openAs(page, w, carol, "housing");
  await page.getByTestId("housing-size").fill("2");
  await page.getByTestId("housing-need-step_free").check();
  await act(page, "housing-tx", page.getByTestId("housing-apply-submit"));
  const application = await w.chain.housing.application({ applicant: carol.address });
  expect([application.household_size, application.needs]).toEqual([2, ["step_free"]]);

  // Who is ahead, as the registry's queue says (at least the newcomer who applied first).
  const queue = (await w.chain.housing.listApplications({ limit: 100 })).applications;
  const ahead = queue.filter((a) => a.queue_position < application.queue_position);
  expect(ahead.map((a) => a.applicant)).toContain(dave.address);
  await expect(page.getByTestId("housing-ahead")).toHaveAttribute("data-count", String(ahead.length));
  // A vacant home that fits for everyone in the queue, so one round houses her too.
  const vacant = (await w.chain.housing.listHomes({ limit: 100 })).homes.filter((h) => h.status === "available").length;
  const missing = queue.length - vacant;
  if (missing > 0) {
    const home = { register_home: { zone: "Orchard Row", rooms: 3, accessibility: ["step_free"], status: "available" } };
    await w.chain.pass(`Register ${missing} homes in Orchard Row`, Array.from({ length: missing }, () => w.chain.wasmExecute(w.config.contracts.housing, home)));
  }
  // The registry's own score for each vacant home, as the page shows it.
  const rows = page.getByTestId("housing-score");
  await expect(rows.first()).toBeVisible();
  const first = rows.first();
  const homeId = Number(await first.getAttribute("data-home"));
  const score = await w.chain.housing.score({ applicant: carol.address, homeId });
  await expect(first).toHaveAttribute("data-total", String(score.total));
  await expect(first).toHaveAttribute("data-eligible", String(score.eligible));
  await shoot(page, "housing-waiting");

  await act(page, "housing-tx", page.getByTestId("housing-allocate"));
  const { home_id } = await w.chain.housing.homeOf({ holder: carol.address });
  expect(home_id, "she is housed").not.toBeNull();
  expect((await w.chain.housing.home({ homeId: home_id! })).accessibility).toContain("step_free");
  await expect(page.getByTestId("housing-home")).toHaveAttribute("data-home-id", String(home_id));

  // Fees, in display units: 1.25 tokens are 1,250,000 units on chain.
  const before = await w.chain.housing.arrears({ address: carol.address });
  await page.getByTestId("housing-pay-amount").fill("1.25");
  await act(page, "housing-tx", page.getByTestId("housing-pay"));
  const after = await w.chain.housing.arrears({ address: carol.address });
  expect(BigInt(after.paid_total) - BigInt(before.paid_total)).toBe(1_250_000n);
  await expect(page.getByTestId("housing-fees")).toHaveAttribute("data-paid", after.paid_total);
  await shoot(page, "housing-home");

  await page.getByTestId("housing-relinquish-sure").check();
  await act(page, "housing-tx", page.getByTestId("housing-relinquish"));
  expect((await w.chain.housing.homeOf({ holder: carol.address })).home_id ?? null).toBeNull();
  await expect(page.getByTestId("housing-apply")).toBeVisible();
});

/** The registry's homes, every page. */
async function homes() {
  const all = [];
  for (let startAfter: number | undefined; ; ) {
    const { homes: page } = await w.chain.housing.listHomes({ startAfter, limit: 30 });
    all.push(...page);
    if (page.length < 30) return all;
    startAfter = page[page.length - 1].home_id;
  }
}

/** Admits `people` as members and houses each of them: they apply, homes are registered for
 * everyone waiting if too few are vacant, and one allocation round runs. */
async function house(...people: Account[]): Promise<number[]> {
  const { chain, config } = w;
  for (const who of people) {
    await chain.councilAs(who).apply({ statement: "A household of one." });
    await chain.councilAs(chain.account("alice")).admit({ applicant: who.address });
    await chain.housingAs(who).apply({ householdSize: 1, needs: [] });
  }
  const waiting = (await chain.housing.listApplications({ limit: 30 })).applications.length;
  const vacant = (await homes()).filter((h) => h.status === "available").length;
  if (waiting > vacant) {
    const home = { register_home: { zone: "Mill Lane", rooms: 2, accessibility: [], status: "available" } };
    await chain.pass(`Register ${waiting - vacant} homes in Mill Lane`, Array.from({ length: waiting - vacant }, () => chain.wasmExecute(config.contracts.housing, home)));
  }
  await chain.housingAs(people[0]).allocateRound({ limit: 10 });
  return Promise.all(
    people.map(async (who) => {
      const { home_id } = await chain.housing.homeOf({ holder: who.address });
      expect(home_id, `${who.name} is housed`).not.toBeNull();
      return home_id!;
    }),
  );
}

test("two holders swap homes: one offers, withdraws, offers again, the other accepts", async ({ page, browser }) => {
  const [ana, ben] = [await w.chain.newcomer("ana"), await w.chain.newcomer("ben")];
  const [anas, bens] = await house(ana, ben);

  await openAs(page, w, ana, "housing");
  await page.getByTestId("swap-with").selectOption(String(bens));
  await act(page, "housing-tx", page.getByTestId("swap-offer-submit"));
  expect(await w.chain.housing.swap({ homeId: anas })).toEqual({ home_id: anas, with_home_id: bens, proposer: ana.address, counterpart: ben.address });
  await expect(page.getByTestId("swap-mine")).toHaveAttribute("data-with", String(bens));
  // She thinks better of it, then offers again.
  await act(page, "housing-tx", page.getByTestId("swap-withdraw"));
  expect(await w.chain.housing.swap({ homeId: anas })).toBeNull();
  await page.getByTestId("swap-with").selectOption(String(bens));
  await act(page, "housing-tx", page.getByTestId("swap-offer-submit"));

  // He sees her offer in his own browser and accepts it: each now holds the other's home.
  const his = await secondPerson(browser, w, ben, "housing");
  const offer = his.locator(`[data-testid="swap-offer"][data-from="${anas}"]`);
  await expect(offer).toBeVisible();
  await shoot(his, "housing-swap");
  await act(his, "housing-tx", offer.getByTestId("swap-accept"));
  expect((await w.chain.housing.homeOf({ holder: ana.address })).home_id).toBe(bens);
  expect((await w.chain.housing.homeOf({ holder: ben.address })).home_id).toBe(anas);
  expect(await w.chain.housing.swap({ homeId: anas })).toBeNull();
  await expect(his.getByTestId("housing-home")).toHaveAttribute("data-home-id", String(anas));
  await expect(page.getByTestId("housing-home")).toHaveAttribute("data-home-id", String(bens));
});

test("a member books nights in a guest home and cancels them for the published refund; the same nights are refused to another, who books the next one", async ({ page, browser }) => {
  const { chain, config } = w;
  // Two founders, who hold tokens: bob books, carol comes too late.
  const [bob, late] = [chain.account("bob"), chain.account("carol")];
  if (!(await homes()).some((h) => h.status === "guest")) {
    const flat = { register_home: { zone: "Harbour guest flat", rooms: 2, accessibility: ["step_free"], status: "guest" } };
    await chain.pass("Register a guest flat by the harbour", [chain.wasmExecute(config.contracts.housing, flat)]);
  }
  const homeId = (await homes()).find((h) => h.status === "guest")!.home_id;
  const rules = (await chain.housing.config()).guest;
  const info = await chain.token.tokenInfo();
  // Three weeks ahead (more notice than the full refund needs), after any nights already booked.
  const booked = (await chain.housing.listBookings({ homeId, startAfter: today() - 1, limit: 30 })).bookings;
  const start = Math.max(today() + 21, ...booked.map((b) => b.end_day));
  expect(start - today()).toBeGreaterThanOrEqual(rules.full_refund_notice_days);

  await openAs(page, w, bob, "housing");
  await expect(page.getByTestId("guest-price")).toHaveAttribute("data-amount", rules.price_per_day);
  await page.getByTestId("book-home").selectOption(String(homeId));
  await page.getByTestId("book-first").fill(isoOf(start));
  await page.getByTestId("book-nights").fill("2");
  const cost = 2n * BigInt(rules.price_per_day);
  await expect(page.getByTestId("book-cost")).toContainText(formatAmount(cost, info.decimals, info.symbol));
  await act(page, "housing-tx", page.getByTestId("book-submit"));
  const id = Number(await page.getByTestId("booked").getAttribute("data-id"));
  expect(await chain.housing.booking({ bookingId: id })).toMatchObject({
    home_id: homeId,
    payer: bob.address,
    guest: bob.address,
    start_day: start,
    end_day: start + 2,
    paid: cost.toString(),
    status: "active",
  });
  // The page shows the nights as taken, and the booking as bob's with what cancelling refunds.
  await expect(page.locator(`[data-testid="guest-home"][data-home="${homeId}"]`)).toHaveAttribute("data-booked", new RegExp(`\\b${start}-${start + 2}\\b`));
  const mine = page.getByTestId(`booking-${id}`);
  await expect(mine).toHaveAttribute("data-status", "active");
  await expect(mine.getByTestId("booking-refund")).toHaveAttribute("data-amount", /^[1-9]\d*$/);
  await shoot(page, "housing-guests");

  // Carol, in her own browser, wants one of the same nights: the registry refuses, and says why.
  const hers = await secondPerson(browser, w, late, "housing");
  await hers.getByTestId("book-home").selectOption(String(homeId));
  await hers.getByTestId("book-first").fill(isoOf(start + 1));
  await hers.getByTestId("book-nights").fill("1");
  await hers.getByTestId("book-submit").click();
  await expect(hers.getByTestId("housing-tx")).toHaveAttribute("data-phase", "failed");
  await expect(hers.getByTestId("housing-tx-error")).toContainText(`overlap booking ${id}`);
  const taken = (await chain.housing.listBookings({ homeId, startAfter: start - 1, limit: 30 })).bookings;
  expect(taken.filter((b) => b.start_day <= start + 1 && b.end_day > start + 1).map((b) => b.payer)).toEqual([bob.address]);
  // The night after bob's stay is free: she books it.
  await hers.getByTestId("book-first").fill(isoOf(start + 2));
  await act(hers, "housing-tx", hers.getByTestId("book-submit"));
  const herId = Number(await hers.getByTestId("booked").getAttribute("data-id"));
  expect(await chain.housing.booking({ bookingId: herId })).toMatchObject({ payer: late.address, start_day: start + 2, end_day: start + 3, status: "active" });

  // Bob cancels with three weeks' notice: all but the cancellation fee of what the registry holds for it.
  const hash = await act(page, "housing-tx", mine.getByTestId("booking-cancel"));
  const cancelled = await chain.housing.booking({ bookingId: id });
  expect(cancelled.status).toBe("cancelled");
  const refunded = BigInt(cancelled.refunded);
  const keptShare = Number(rules.cancellation_fee);
  expect(refunded).toBeGreaterThan(0n);
  expect(Number(refunded)).toBeLessThanOrEqual(Number(cost) * (1 - keptShare));
  // The refund went to bob, in the same transaction.
  expect(await chain.receivedIn(hash, bob.address)).toBe(refunded);
  await expect(mine).toHaveAttribute("data-status", "cancelled");
  await expect(page.locator(`[data-testid="guest-home"][data-home="${homeId}"]`)).not.toHaveAttribute("data-booked", new RegExp(`\\b${start}-`));
});

test("a guest's stay begins and the payer releases its payment to the node's treasury from the page", async ({ page }) => {
  const { chain, config } = w;
  const dave = chain.account("dave");
  // A guest home free tonight (a guest flat registered for the purpose when none is).
  const freeTonight = async () => {
    for (const h of (await homes()).filter((h) => h.status === "guest")) {
      const { bookings } = await chain.housing.listBookings({ homeId: h.home_id, startAfter: today() - 30, limit: 30 });
      if (!bookings.some((b) => b.status !== "cancelled" && b.start_day <= today() && b.end_day > today())) return h.home_id;
    }
    return undefined;
  };
  let homeId = await freeTonight();
  if (homeId === undefined) {
    const flat = { register_home: { zone: `Guest room over the bakery ${Date.now() % 10_000}`, rooms: 1, accessibility: [], status: "guest" } };
    await chain.pass("Register a guest room over the bakery", [chain.wasmExecute(config.contracts.housing, flat)]);
    homeId = (await freeTonight())!;
  }
  const { guest: rules, treasury } = await chain.housing.config();
  // Dave books tonight (the registry takes the payment with the booking): his stay begins now.
  const book = { book_guest: { home_id: homeId, guest: dave.address, start_day: today(), end_day: today() + 1 } };
  const booked = await chain.tokenAs(dave).send({ contract: config.contracts.housing, amount: rules.price_per_day, msg: Buffer.from(JSON.stringify(book)).toString("base64") });
  const id = Number(wasmAttribute(booked, "booking_id"));
  expect((await chain.housing.booking({ bookingId: id })).status).toBe("active");

  await openAs(page, w, dave, "housing");
  const mine = page.getByTestId(`booking-${id}`);
  await expect(mine).toHaveAttribute("data-status", "active");
  // Begun: no cancelling any more, only the release.
  await expect(mine.getByTestId("booking-cancel")).toHaveCount(0);
  const hash = await act(page, "housing-tx", mine.getByTestId("booking-release"));
  expect((await chain.housing.booking({ bookingId: id })).status).toBe("completed");
  // What the registry held for it (the price, less its decay since) went to the treasury.
  const paid = await chain.receivedIn(hash, treasury);
  expect(paid).toBeGreaterThan(0n);
  expect(paid).toBeLessThanOrEqual(BigInt(rules.price_per_day));
  await expect(mine).toHaveAttribute("data-status", "completed");
  await expect(mine.getByTestId("booking-released")).toBeVisible();
  await expect(mine.getByTestId("booking-release")).toHaveCount(0);
});
