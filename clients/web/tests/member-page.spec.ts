// The member page in headless Chromium against a real local chain, with a CosmJS wallet standing
// in for Keplr. Given a deployed node (scripts/web/test.sh writes the page's config.json from the
// deployment JSON), the test prepares a short demurrage period, a home and an open proposal through
// the council, then checks that a member sees them, watches the balance decay, claims basic
// income and votes, and that each action shows on chain.
//   DAC_WEB_CONFIG     the page's config.json (required)
//   DAC_ACCOUNTS_ENV   the test accounts (default: scripts/chain/accounts.env)
//   DAC_WEB_MEMBER     the account that uses the page (default: alice, a founder)
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import type { PageConfig } from "../src/config";
import { Chain, type Account } from "./chain";
import { KeplrStandIn } from "./keplr-stand-in";

const configPath = process.env.DAC_WEB_CONFIG ?? "";
const accountsEnv = process.env.DAC_ACCOUNTS_ENV ?? join(dirname(fileURLToPath(import.meta.url)), "../../../scripts/chain/accounts.env");
const memberName = process.env.DAC_WEB_MEMBER ?? "alice";
const SHORT_PERIOD_SECONDS = 60;
const ORCHARD = "Plant a community orchard by the river";

let config: PageConfig;
let chain: Chain;
let member: Account;
let server: { url: string; close: () => Promise<unknown> };
let orchardId: number;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(8 * 60_000);
  expect(configPath, "DAC_WEB_CONFIG must name the page's config.json").not.toBe("");
  config = JSON.parse(readFileSync(configPath, "utf8"));
  server = await startServer({ configPath, rpc: config.rpc });
  chain = await Chain.connect(config, accountsEnv);
  member = chain.account(memberName);
  const seated = await chain.seatedAccounts();
  expect(seated.map((a) => a.name), `${memberName} must be a founder of the node`).toContain(memberName);

  // Decay the page can show within a test: one step a minute, at the highest rate the token allows.
  const demurrage = await chain.token.demurrage();
  if (demurrage.period_seconds > 2 * SHORT_PERIOD_SECONDS) {
    const periodsPerYear = (366 * 86_400) / SHORT_PERIOD_SECONDS;
    const rate = (Number(demurrage.max_yearly_rate) / periodsPerYear).toFixed(12);
    await chain.pass(`Demurrage of ${rate} every minute, for the member page test`, [
      chain.wasmExecute(config.contracts.token, { update_demurrage: { rate, period_seconds: SHORT_PERIOD_SECONDS } }),
    ]);
  }

  // A home for the member: the council registers one, the member applies, anyone allocates.
  if ((await chain.housing.homeOf({ holder: member.address })).home_id == null) {
    const { homes } = await chain.housing.listHomes({ limit: 30 });
    if (!homes.some((h) => h.status === "available" && h.rooms >= 2)) {
      await chain.pass("Register a two-room home in Riverside", [
        chain.wasmExecute(config.contracts.housing, {
          register_home: { zone: "Riverside", rooms: 2, accessibility: ["step_free"], status: "available" },
        }),
      ]);
    }
    await chain.housingAs(member).apply({ householdSize: 2, needs: [] });
    for (let round = 0; round < 3; round++) {
      await chain.housingAs(member).allocateRound({ limit: 10 });
      if ((await chain.housing.homeOf({ holder: member.address })).home_id != null) break;
    }
  }
  expect((await chain.housing.homeOf({ holder: member.address })).home_id, "the member holds a home").not.toBeNull();

  // An open proposal the member has not voted on, proposed by another founder.
  const proposer = seated.find((a) => a.name !== memberName);
  if (!proposer) throw new Error("the test needs a second founder among the test accounts");
  orchardId = await chain.propose(proposer, ORCHARD);
});

test.afterAll(async () => {
  await server?.close();
});

async function openWithKeplr(page: Page, mnemonic: string, name: string): Promise<KeplrStandIn> {
  const keplr = new KeplrStandIn(mnemonic, name);
  await keplr.install(page);
  await page.goto(server.url);
  return keplr;
}

const amountOf = async (page: Page, testId: string) => BigInt((await page.getByTestId(testId).getAttribute("data-amount")) ?? "-1");

test("without Keplr the page says so and offers no connection", async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId("no-keplr")).toBeVisible();
  await expect(page.getByTestId("connect")).toBeDisabled();
  await expect(page.getByTestId("member")).toBeHidden();
});

test("an account that is not a member sees that it is not one", async ({ page }) => {
  // A fresh key: it has never been on chain, let alone admitted.
  const { DirectSecp256k1HdWallet } = await import("@cosmjs/proto-signing");
  const stranger = await DirectSecp256k1HdWallet.generate(12);
  await openWithKeplr(page, stranger.mnemonic, "stranger");
  await expect(page.getByTestId("not-connected")).toBeVisible();
  await page.getByTestId("connect").click();
  await expect(page.getByTestId("not-member")).toBeVisible();
  await expect(page.getByTestId("member")).toBeHidden();
});

test("a member connects through Keplr, watches the balance decay, claims income and votes", async ({ page }, testInfo) => {
  const keplr = await openWithKeplr(page, member.mnemonic, member.name);
  await expect(page.getByTestId("not-connected")).toBeVisible();
  await page.getByTestId("connect").click();
  await expect(page.getByTestId("member")).toBeVisible();

  // The page suggested this node's chain to Keplr before enabling it, with the token as a cw20.
  expect(keplr.calls.slice(0, 2)).toEqual(["experimentalSuggestChain", "enable"]);
  const suggested = keplr.suggested.get(config.chainId);
  expect(suggested?.rpc).toBe(config.rpc);
  expect(suggested?.bech32Config?.bech32PrefixAccAddr).toBe(config.bech32Prefix);
  expect(suggested?.feeCurrencies[0].coinMinimalDenom).toBe(config.feeDenom);
  expect(suggested?.currencies).toContainEqual(expect.objectContaining({ type: "cw20", contractAddress: config.contracts.token }));
  await expect(page.getByTestId("who")).toContainText(member.address);

  // The home the council registered and the registry allocated.
  const { home_id } = await chain.housing.homeOf({ holder: member.address });
  await expect(page.getByTestId("home")).toHaveAttribute("data-home-id", String(home_id));
  await expect(page.getByTestId("home")).toContainText(`Home #${home_id}`);

  // Voting: the open proposal is listed with its tally; a Yes shows on chain.
  const orchard = page.getByTestId(`proposal-${orchardId}`);
  await expect(orchard).toContainText(ORCHARD);
  const before = (await chain.council.proposal({ proposalId: orchardId })).chambers[0].tally;
  await expect(orchard.getByTestId("tally")).toHaveAttribute("data-tally", before.join(","));
  await orchard.getByTestId("vote-yes").click();
  await expect(orchard.getByTestId("my-vote")).toHaveText("You voted: Yes");
  const after = (await chain.council.proposal({ proposalId: orchardId })).chambers[0].tally;
  expect(after[0], "one more yes on chain").toBe(before[0] + 1);
  expect(after.slice(1)).toEqual(before.slice(1));
  const { ballot } = await chain.council.vote({ proposalId: orchardId, voter: member.address });
  expect(ballot?.option).toBe("yes");
  await expect(orchard.getByTestId("tally")).toHaveAttribute("data-tally", after.join(","));

  // Decay: the balance the page shows equals the chain's, and goes down at the next period.
  const demurrage = await chain.token.demurrage();
  const shown = await amountOf(page, "balance");
  expect(shown).toBeGreaterThan(0n);
  expect(shown).toBe(BigInt((await chain.token.balance({ address: member.address })).balance));
  await expect(page.getByTestId("next-step")).toContainText("Next step in");
  await expect
    .poll(() => amountOf(page, "balance"), { timeout: (demurrage.period_seconds + 3 * config.refreshSeconds + 10) * 1000, intervals: [1000] })
    .toBeLessThan(shown);

  // Basic income: decay has flowed to the members; the claim pays it, as the chain records.
  await expect.poll(() => amountOf(page, "claimable"), { timeout: 120_000, intervals: [1000] }).toBeGreaterThan(0n);
  const paidBefore = BigInt((await chain.token.commonsPool()).income_paid_total);
  await page.getByTestId("claim").click();
  await expect(page.getByTestId("claim-result")).toContainText("Claimed");
  const income = BigInt((await page.getByTestId("claim-result").getAttribute("data-income")) ?? "0");
  expect(income).toBeGreaterThan(0n);
  const paidAfter = BigInt((await chain.token.commonsPool()).income_paid_total);
  expect(paidAfter - paidBefore, "the income the page reports is what the token paid").toBe(income);
  const tx = await chain.reader.getTx((await page.getByTestId("claim-result").getAttribute("data-tx")) ?? "");
  expect(tx?.code).toBe(0);

  await page.screenshot({ path: testInfo.outputPath("member-page.png"), fullPage: true });
});
