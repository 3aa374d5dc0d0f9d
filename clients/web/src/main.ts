// The member's page: connect Keplr, then show the decaying balance, basic income, home and the
// council's open proposals, refreshed every few seconds, with Claim and Vote buttons.
import { CosmWasmClient, SigningCosmWasmClient, type ExecuteResult } from "@cosmjs/cosmwasm";
import { GasPrice } from "@cosmjs/stargate";
import { CouncilClient, CouncilQueryClient } from "@dac/contracts-client/Council.client";
import type { ProposalResponse, VoteOption } from "@dac/contracts-client/Council.types";
import { DemurrageTokenClient, DemurrageTokenQueryClient } from "@dac/contracts-client/DemurrageToken.client";
import type { TokenInfoResponse } from "@dac/contracts-client/DemurrageToken.types";
import { HousingRegistryQueryClient } from "@dac/contracts-client/HousingRegistry.client";
import { queriesThrough, transactionsThrough } from "./codegen-adapter";
import { formatAmount, nanosToDate, nextPeriodBoundary, percent } from "./amounts";
import { loadConfig, pageRpcUrl, type PageConfig } from "./config";
import { chainInfo, connectKeplr, keplrAvailable, onKeplrAccountChange } from "./keplr";

interface Session {
  address: string;
  token: DemurrageTokenQueryClient;
  tokenTx: DemurrageTokenClient;
  council: CouncilQueryClient;
  councilTx: CouncilClient;
  housing: HousingRegistryQueryClient;
  tokenInfo: TokenInfoResponse;
}

type View = "no-keplr" | "not-connected" | "not-member" | "member";

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};

let config: PageConfig;
let session: Session | undefined;
let refreshTimer: number | undefined;
let refreshing: Promise<void> | undefined;
let refreshAgain = false;
/** Whether the error shown came from a refresh (the next good refresh clears it). */
let refreshErrorShown = false;

function show(view: View): void {
  for (const id of ["no-keplr", "not-connected", "not-member", "member"] satisfies View[]) {
    $(id).hidden = id !== view;
  }
  document.body.dataset.view = view;
}

function status(text: string): void {
  $("status").textContent = text;
}

function showError(error: unknown): void {
  refreshErrorShown = false;
  const element = $("error");
  const message = error instanceof Error ? error.message : String(error);
  // Contract errors arrive wrapped in the node's log; the contract's own words are what help.
  element.textContent = message.replace(/^.*?execute wasm contract failed: /s, "");
  element.hidden = false;
}

function clearError(): void {
  refreshErrorShown = false;
  $("error").hidden = true;
  $("error").textContent = "";
}

/** Sets text only when it changed, so a refresh never disturbs what the user is pointing at. */
function setText(id: string, text: string, amount?: string): void {
  const element = $(id);
  if (element.textContent !== text) element.textContent = text;
  if (amount !== undefined) element.dataset.amount = amount;
}

function amount(value: string | bigint): string {
  const info = session?.tokenInfo;
  return formatAmount(value, info?.decimals ?? 6, info?.symbol ?? "");
}

function wasmAttribute(result: ExecuteResult, key: string): string | undefined {
  for (const event of result.events) {
    if (!event.type.startsWith("wasm")) continue;
    const found = event.attributes.find((attribute) => attribute.key === key);
    if (found) return found.value;
  }
  return undefined;
}

async function connect(): Promise<void> {
  clearError();
  $<HTMLButtonElement>("connect").disabled = true;
  status("Connecting to Keplr…");
  try {
    // The token's symbol and decimals let Keplr show it; read them before any account exists.
    const reader = await CosmWasmClient.connect(pageRpcUrl(config, location.href));
    const tokenInfo = await new DemurrageTokenQueryClient(queriesThrough(reader), config.contracts.token).tokenInfo();
    reader.disconnect();

    const account = await connectKeplr(chainInfo(config, tokenInfo));
    const signing = await SigningCosmWasmClient.connectWithSigner(pageRpcUrl(config, location.href), account.signer, {
      gasPrice: GasPrice.fromString(`${config.gasPrice}${config.feeDenom}`),
    });
    const client = transactionsThrough(signing);
    const { token, council, housing } = config.contracts;
    session = {
      address: account.address,
      token: new DemurrageTokenQueryClient(client, token),
      tokenTx: new DemurrageTokenClient(client, account.address, token),
      council: new CouncilQueryClient(client, council),
      councilTx: new CouncilClient(client, account.address, council),
      housing: new HousingRegistryQueryClient(client, housing),
      tokenInfo,
    };
    setText("who", `${account.name} · ${account.address}`);
    $("connect").textContent = "Reconnect";
    status("");
    await refresh();
    window.clearInterval(refreshTimer);
    refreshTimer = window.setInterval(() => void refresh(), config.refreshSeconds * 1000);
  } catch (error) {
    status("");
    showError(error);
  } finally {
    $<HTMLButtonElement>("connect").disabled = false;
  }
}

/** Reloads what the page shows; a call during a refresh runs one more right after it. */
async function refresh(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      await refreshOnce();
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = undefined;
  }
}

async function refreshOnce(): Promise<void> {
  const s = session;
  if (!s) return;
  try {
    const member = await s.council.member({ addr: s.address });
    if (member.weight == null) {
      show("not-member");
    } else {
      show("member");
      await Promise.all([renderBalance(s), renderIncome(s), renderHome(s), renderProposals(s)]);
    }
    setText("updated", `Updated ${new Date().toLocaleTimeString()}`);
    if (refreshErrorShown) clearError();
  } catch (error) {
    showError(error);
    refreshErrorShown = true;
  }
}

async function renderBalance(s: Session): Promise<void> {
  const [{ balance }, demurrage] = await Promise.all([s.token.balance({ address: s.address }), s.token.demurrage()]);
  const now = Math.floor(Date.now() / 1000);
  const next = nextPeriodBoundary(demurrage.checkpoint_time, demurrage.period_seconds, now);
  const projected = await s.token.projectedBalance({ address: s.address, at: `${next}000000000` });
  const loss = BigInt(balance) - BigInt(projected.balance);
  setText("balance", amount(balance), balance);
  setText("decay", `Decays ${percent(demurrage.rate)} every ${demurrage.period_seconds} s into the commons pool, which pays basic income.`);
  const nextStep = $("next-step");
  nextStep.dataset.at = String(next);
  nextStep.dataset.loss = loss.toString();
  nextStep.dataset.projected = projected.balance;
  tickCountdown();
}

/** Counts down to the next decay step between refreshes. */
function tickCountdown(): void {
  const element = $("next-step");
  if (!element.dataset.at) return;
  const seconds = Math.max(0, Number(element.dataset.at) - Math.floor(Date.now() / 1000));
  setText(
    "next-step",
    `Next step in ${seconds} s: ${amount(element.dataset.projected ?? "0")} (−${amount(element.dataset.loss ?? "0")})`,
  );
}

async function renderIncome(s: Session): Promise<void> {
  const claimable = await s.token.claimable({ address: s.address });
  setText("claimable", amount(claimable.amount), claimable.amount);
  const button = $<HTMLButtonElement>("claim");
  button.disabled = !claimable.is_member || claimable.amount === "0" || button.dataset.pending === "1";
  if (!claimable.is_member) setText("claim-result", "This account receives no basic income.");
}

async function claim(): Promise<void> {
  const s = session;
  if (!s) return;
  clearError();
  const button = $<HTMLButtonElement>("claim");
  button.disabled = true;
  button.dataset.pending = "1";
  setText("claim-result", "Claiming…");
  try {
    const result = (await s.tokenTx.claimIncome()) as ExecuteResult;
    const income = wasmAttribute(result, "income") ?? "0";
    const resultElement = $("claim-result");
    resultElement.dataset.income = income;
    resultElement.dataset.tx = result.transactionHash;
    setText("claim-result", `Claimed ${amount(income)} (tx ${result.transactionHash.slice(0, 10)}…)`);
  } catch (error) {
    setText("claim-result", "");
    showError(error);
  } finally {
    delete button.dataset.pending;
    await refresh();
  }
}

async function renderHome(s: Session): Promise<void> {
  const { home_id } = await s.housing.homeOf({ holder: s.address });
  const element = $("home");
  if (home_id != null) {
    const home = await s.housing.home({ homeId: home_id });
    const since = home.held_since ? `, yours since ${nanosToDate(home.held_since).toLocaleDateString()}` : "";
    const access = home.accessibility.length ? `, ${home.accessibility.join(", ").replaceAll("_", " ")}` : "";
    element.dataset.homeId = String(home_id);
    setText("home", `Home #${home_id} in ${home.zone}: ${home.rooms} room${home.rooms === 1 ? "" : "s"}${access}${since}.`);
    return;
  }
  delete element.dataset.homeId;
  try {
    const application = await s.housing.application({ applicant: s.address });
    setText("home", `No home yet: applied for a household of ${application.household_size}, position ${application.queue_position} in the queue.`);
  } catch (error) {
    if (!String(error).includes("no open application")) throw error;
    setText("home", "No home yet, and no application.");
  }
}

/** The vote options of a proposal, in tally order (abstain last). */
function voteOptions(proposal: ProposalResponse): { label: string; option: VoteOption }[] {
  if ("yes_no" in proposal.choices) {
    return [
      { label: "Yes", option: "yes" },
      { label: "No", option: "no" },
      { label: "Abstain", option: "abstain" },
    ];
  }
  return [
    ...proposal.choices.multiple.options.map((label, index) => ({ label, option: { choice: { index } } as VoteOption })),
    { label: "Abstain", option: "abstain" },
  ];
}

async function renderProposals(s: Session): Promise<void> {
  const { proposals } = await s.council.listProposals({ status: "open", limit: 30 });
  const open = proposals.filter(
    (p) => p.effective_status === "open" && p.chambers.some((c) => "council" in c.body && c.body.council.council_id === config.councilId),
  );
  const ballots = await Promise.all(open.map((p) => s.council.vote({ proposalId: p.id, voter: s.address })));
  const list = $("proposals");
  const snapshot = JSON.stringify([open, ballots]);
  if (list.dataset.snapshot === snapshot) return;
  list.dataset.snapshot = snapshot;
  list.replaceChildren();
  if (open.length === 0) {
    const empty = document.createElement("li");
    empty.textContent = "No open proposals.";
    list.append(empty);
    return;
  }
  open.forEach((proposal, i) => list.append(proposalItem(proposal, ballots[i].ballot?.option)));
}

function proposalItem(proposal: ProposalResponse, myVote: VoteOption | undefined): HTMLLIElement {
  const item = document.createElement("li");
  item.dataset.testid = `proposal-${proposal.id}`;
  item.dataset.proposalId = String(proposal.id);
  const options = voteOptions(proposal);
  const title = document.createElement("strong");
  title.textContent = `#${proposal.id} ${proposal.title}`;
  const about = document.createElement("p");
  about.className = "muted";
  about.textContent = `${proposal.topic} · closes ${nanosToDate(proposal.expires).toLocaleString()} · ${proposal.description}`;
  item.append(title, about);

  for (const chamber of proposal.chambers) {
    const tally = document.createElement("p");
    tally.className = "tally";
    tally.dataset.testid = "tally";
    tally.dataset.tally = chamber.tally.join(",");
    const counts = chamber.tally.map((n, i) => `${options[i]?.label ?? "?"} ${n}`).join(" · ");
    tally.textContent = `${counts} (of ${chamber.electorate})`;
    item.append(tally);
  }

  const votes = document.createElement("div");
  votes.className = "votes";
  if (myVote !== undefined) {
    const mine = options.find((o) => JSON.stringify(o.option) === JSON.stringify(myVote));
    const voted = document.createElement("span");
    voted.dataset.testid = "my-vote";
    voted.textContent = `You voted: ${mine?.label ?? JSON.stringify(myVote)}`;
    votes.append(voted);
  } else {
    for (const { label, option } of options) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.dataset.testid = `vote-${label.toLowerCase()}`;
      button.addEventListener("click", () => void vote(proposal.id, option, label, votes));
      votes.append(button);
    }
  }
  item.append(votes);
  return item;
}

async function vote(proposalId: number, option: VoteOption, label: string, buttons: HTMLElement): Promise<void> {
  const s = session;
  if (!s) return;
  clearError();
  buttons.querySelectorAll("button").forEach((b) => (b.disabled = true));
  status(`Voting ${label} on #${proposalId}…`);
  try {
    const result = (await s.councilTx.vote({ proposalId, option })) as ExecuteResult;
    status(`Voted ${label} on #${proposalId} (tx ${result.transactionHash.slice(0, 10)}…)`);
  } catch (error) {
    status("");
    showError(error);
    buttons.querySelectorAll("button").forEach((b) => (b.disabled = false));
  }
  await refresh();
}

async function start(): Promise<void> {
  try {
    config = await loadConfig();
  } catch (error) {
    showError(error);
    return;
  }
  setText("node", `${config.chainName} · ${config.chainId}`);
  $("connect").addEventListener("click", () => void connect());
  $("claim").addEventListener("click", () => void claim());
  onKeplrAccountChange(() => void (session && connect()));
  window.setInterval(tickCountdown, 1000);
  if (!keplrAvailable()) {
    show("no-keplr");
    $<HTMLButtonElement>("connect").disabled = true;
    return;
  }
  show("not-connected");
}

// Keplr injects window.keplr while the page loads: look for it once everything has loaded.
if (document.readyState === "complete") void start();
else window.addEventListener("load", () => void start());
