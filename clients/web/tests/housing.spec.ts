// Housing, in the browser against the chain: a new member applies with her household and needs,
// sees who is ahead of her (another newcomer applied first) and the registry's score for each
// vacant home, runs an allocation round and is housed; she pays her fees in display units and
// gives the home back.
import { expect, test } from "@playwright/test";
import type { Account } from "./chain";
import { act, openAs, setUp, shoot, type World } from "./app";

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
