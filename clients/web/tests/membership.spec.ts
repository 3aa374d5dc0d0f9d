// Membership, in the browser against the chain, with two people acting: a newcomer asks to join
// with a statement; bob, a gatekeeper, admits them from his queue; another newcomer is refused by
// alice, with a reason; the admitted member leaves. Each step is checked in the council's state.
import { expect, test } from "@playwright/test";
import type { Account } from "./chain";
import { act, openAs, setUp, shoot, type World } from "./app";

let w: World;
let alice: Account;
let bob: Account;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  w = await setUp();
  alice = w.chain.account("alice");
  bob = w.chain.account("bob");
  const config = await w.chain.council.config();
  expect(config.gatekeepers, "alice and bob are the node's gatekeepers").toEqual(expect.arrayContaining([alice.address, bob.address]));
});

test("a newcomer asks to join, a gatekeeper admits them, and they can leave", async ({ page, browser }) => {
  const newcomer = await w.chain.newcomer("newcomer");
  const statement = `I grow vegetables and mend bicycles (${newcomer.address.slice(-6)}).`;
  await openAs(page, w, newcomer, "dashboard");
  // Not a member: the app shows how to join first.
  await expect(page.getByTestId("page-membership")).toBeVisible();
  await expect(page.getByTestId("standing")).toHaveText("not a member");
  await page.getByTestId("join-statement").fill(statement);
  await act(page, "join-tx", page.getByTestId("join-submit"));
  expect((await w.chain.council.application({ applicant: newcomer.address })).statement).toBe(statement);
  await expect(page.getByTestId("application")).toContainText(statement);
  await shoot(page, "membership-newcomer");

  // Bob, a gatekeeper, in his own browser: the application is in his queue.
  const bobs = await (await browser.newContext()).newPage();
  await openAs(bobs, w, bob, "membership");
  const entry = bobs.getByTestId(`applicant-${newcomer.address}`);
  await expect(entry).toContainText(statement);
  await shoot(bobs, "membership-gatekeeper");
  await act(bobs, "queue-tx", entry.getByTestId("admit"));
  expect((await w.chain.council.member({ addr: newcomer.address })).weight).not.toBeNull();
  await expect(bobs.getByTestId(`applicant-${newcomer.address}`)).toHaveCount(0);

  // The newcomer's own page follows the chain: now a member, who may leave.
  await expect(page.getByTestId("standing")).toHaveText("member", { timeout: 30_000 });
  await expect(page.getByTestId("membership")).toBeVisible();
  await expect(page.getByTestId("leave")).toBeDisabled();
  await page.getByTestId("leave-sure").check();
  await act(page, "leave-tx", page.getByTestId("leave"));
  expect((await w.chain.council.member({ addr: newcomer.address })).weight ?? null).toBeNull();
  await expect(page.getByTestId("standing")).toHaveText("not a member");
});

test("a gatekeeper refuses an application with a reason; a member who is no gatekeeper sees no queue", async ({ page, browser }) => {
  const newcomer = await w.chain.newcomer("second newcomer");
  await w.chain.councilAs(newcomer).apply({ statement: "Let me in, I will not say why." });
  await openAs(page, w, alice, "membership");
  const entry = page.getByTestId(`applicant-${newcomer.address}`);
  await expect(entry).toBeVisible();
  await entry.getByTestId("refuse-reason").fill("Come and meet us at an assembly first.");
  await act(page, "queue-tx", entry.getByTestId("refuse"));
  await expect(w.chain.council.application({ applicant: newcomer.address })).rejects.toThrow();
  expect((await w.chain.council.member({ addr: newcomer.address })).weight ?? null).toBeNull();
  await expect(page.getByTestId(`applicant-${newcomer.address}`)).toHaveCount(0);

  // Someone who is no gatekeeper sees no queue.
  const carols = await (await browser.newContext()).newPage();
  await openAs(carols, w, w.chain.account("carol"), "membership");
  await expect(carols.getByTestId("membership")).toBeVisible();
  await expect(carols.getByTestId("queue")).toHaveCount(0);
});
