// Justice, in the browser against the chain, three people acting: bob, a monitor, reports a
// member; alice, the head (this node's sanction authority), sanctions on the report; the member
// sees the sanction and appeals within the window. Each step is checked in the council's state.
import { expect, test } from "@playwright/test";
import type { Account } from "./chain";
import { act, openAs, setUp, shoot, type World } from "./app";

let w: World;
let member: Account;

test.beforeAll(async () => {
  w = await setUp();
  const config = await w.chain.council.config();
  expect(config.monitors).toContain(w.chain.account("bob").address);
  expect([config.head, config.sanction_authority]).toEqual([w.chain.account("alice").address, "head"]);
  member = await w.chain.newcomer("kim");
  await w.chain.councilAs(member).apply({ statement: "Kim, carpenter." });
  await w.chain.councilAs(w.chain.account("alice")).admit({ applicant: member.address });
});

test("a monitor reports, the head sanctions, and the member appeals", async ({ page, browser }) => {
  const description = `Left the shared workshop unlocked three nights running (${member.address.slice(-6)}).`;
  const bobs = await (await browser.newContext()).newPage();
  await openAs(bobs, w, w.chain.account("bob"), "justice");
  await bobs.getByTestId("report-member").fill(member.address);
  await bobs.getByTestId("report-description").fill(description);
  await act(bobs, "justice-tx", bobs.getByTestId("report-submit"));
  const report = (await w.chain.council.listReports({ limit: 100 })).reports.find((r) => r.description === description)!;
  expect([report.member, report.monitor, report.status]).toEqual([member.address, w.chain.account("bob").address, "open"]);
  // Bob is no head: he sees the report but cannot sanction.
  await expect(bobs.getByTestId(`report-${report.id}`)).toBeVisible();
  await expect(bobs.getByTestId(`report-${report.id}`).getByTestId("sanction")).toHaveCount(0);

  const alices = await (await browser.newContext()).newPage();
  await openAs(alices, w, w.chain.account("alice"), "justice");
  await act(alices, "justice-tx", alices.getByTestId(`report-${report.id}`).getByTestId("sanction"));
  const { sanctions } = await w.chain.council.listSanctions({ member: member.address, limit: 10 });
  expect(sanctions).toHaveLength(1);
  expect(sanctions[0].report_id).toBe(report.id);
  await expect(alices.getByTestId(`report-${report.id}`)).toHaveAttribute("data-status", "sanctioned");

  await openAs(page, w, member, "justice");
  const sanction = page.getByTestId(`sanction-${sanctions[0].id}`);
  await expect(sanction).toHaveAttribute("data-level", String(sanctions[0].level));
  await sanction.getByTestId("appeal-grounds").fill("The lock was broken; I reported it on the first night.");
  await act(page, "justice-tx", sanction.getByTestId("appeal-submit"));
  const appealed = await w.chain.council.sanction({ sanctionId: sanctions[0].id });
  expect(appealed.appeal?.grounds).toBe("The lock was broken; I reported it on the first night.");
  await expect(sanction.getByTestId("appeal")).toContainText("awaiting the decision");
  await shoot(page, "justice");
});
