// The escrow's deals as a person fills them in and reads them: the Propose form's fields become
// the escrow's typed `ProposeMsg` (every kind the contract has, with its deadlines), and a deal
// reads as the next step and who takes it. Pure, so the unit tests check each kind exactly.
import type { DealKindMsg, DealResponse, ProposeMsg } from "@dac/contracts-client/Escrow.types";
import { parseAmount, secondsToNanos } from "./amounts";

export type DealKindName = "forward" | "service" | "loan" | "insurance" | "pool" | "trade_shipment";

/** Each kind with the words its roles use: the proposer's stake, the counterparty's, the due date. */
export const DEAL_KINDS: { kind: DealKindName; label: string; stake: string; counterStake: string; counterStakeRequired: boolean; due: string }[] = [
  { kind: "forward", label: "Forward sale: I pay now, they deliver by the due date", stake: "I pay", counterStake: "Seller's deposit", counterStakeRequired: false, due: "Delivered within" },
  { kind: "service", label: "Service in milestones: each paid when delivered", stake: "", counterStake: "Provider's deposit", counterStakeRequired: false, due: "" },
  { kind: "loan", label: "Loan: I lend, they repay with interest by the due date", stake: "I lend", counterStake: "Borrower's collateral", counterStakeRequired: true, due: "Repaid within" },
  { kind: "insurance", label: "Insurance: I pay a premium, they cover a loss until the due date", stake: "Premium I pay", counterStake: "Cover the insurer deposits", counterStakeRequired: true, due: "Cover lasts" },
  { kind: "pool", label: "Pool: everyone stakes, all of it shared pro rata at the end", stake: "My stake", counterStake: "Counterparty's stake", counterStakeRequired: true, due: "The pool ends in" },
  { kind: "trade_shipment", label: "Trade shipment: paid when the relay reports the delivery", stake: "I pay", counterStake: "Seller's deposit", counterStakeRequired: false, due: "Delivered within" },
];

export type Unit = "minutes" | "hours" | "days";
export const UNIT_SECONDS: Record<Unit, number> = { minutes: 60, hours: 3600, days: 86_400 };
export interface Duration {
  count: string;
  unit: Unit;
}

export interface DealForm {
  kind: DealKindName;
  counterparty: string;
  arbitrator: string;
  /** The proposer's stake (a service's is the sum of its milestones). */
  amount: string;
  /** Empty means nothing, where the kind allows it. */
  counterpartyStake: string;
  interest: string;
  collateral: string;
  signWithin: Duration;
  dueIn: Duration;
  grace: Duration;
  ruling: Duration;
  appeal: Duration;
  milestones: { amount: string; dueIn: Duration }[];
  members: { address: string; stake: string }[];
  /** The trade shipment's attestor: the node's IBC relay. */
  attestor: string;
  description: string;
}

export const DEFAULT_FORM: DealForm = {
  kind: "forward",
  counterparty: "",
  arbitrator: "",
  amount: "",
  counterpartyStake: "",
  interest: "",
  collateral: "0.1",
  signWithin: { count: "1", unit: "days" },
  dueIn: { count: "7", unit: "days" },
  grace: { count: "1", unit: "days" },
  ruling: { count: "1", unit: "days" },
  appeal: { count: "1", unit: "days" },
  milestones: [
    { amount: "", dueIn: { count: "7", unit: "days" } },
    { amount: "", dueIn: { count: "14", unit: "days" } },
  ],
  members: [{ address: "", stake: "" }],
  attestor: "",
  description: "",
};

/** A duration in whole seconds; `zero` allows none (e.g. no appeal window). */
export function seconds(d: Duration, what: string, zero = false): number {
  const count = Number(d.count.trim());
  if (d.count.trim() === "" || !Number.isInteger(count) || count < 0 || (count === 0 && !zero)) {
    throw new Error(`${what}: give a whole number of ${d.unit}${zero ? " (0 for none)" : ", at least 1"}.`);
  }
  return count * UNIT_SECONDS[d.unit];
}

function units(text: string, what: string, decimals: number, optional = false): bigint {
  if (optional && (text.trim() === "" || /^0*\.?0*$/.test(text.trim()))) return 0n;
  const parsed = parseAmount(text, decimals);
  if ("error" in parsed) throw new Error(`${what}: ${parsed.error}`);
  return parsed.units;
}

function address(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new Error(`Give the ${what}'s address.`);
  return trimmed;
}

/**
 * The proposer's stake (sent with the proposal) and the escrow's terms, from the form at
 * `nowSeconds`; throws a sentence naming the field on bad input. The escrow checks the rest (its
 * own error text is shown when it refuses).
 */
export function buildProposal(f: DealForm, decimals: number, nowSeconds: number): { stake: bigint; terms: ProposeMsg } {
  const meta = DEAL_KINDS.find((k) => k.kind === f.kind);
  if (!meta) throw new Error(`Unknown kind of deal: ${f.kind}.`);
  const counterparty = address(f.counterparty, "counterparty");
  const arbitrator = address(f.arbitrator, "arbitrator");
  const collateral = units(f.collateral, "Arbitrator's collateral", decimals);
  const counterpartyStake = units(f.counterpartyStake, meta.counterStake, decimals, !meta.counterStakeRequired);
  const signBy = nowSeconds + seconds(f.signWithin, "Everyone signs within");
  const grace = seconds(f.grace, "Time to confirm or dispute after a due date", true);
  const at = (d: Duration, what: string) => secondsToNanos(nowSeconds + seconds(d, what));
  let stake: bigint;
  let due: string;
  let kind: DealKindMsg;
  if (f.kind === "service") {
    const milestones = f.milestones
      .filter((m) => m.amount.trim() !== "")
      .map((m, i) => ({ amount: units(m.amount, `Milestone ${i + 1}`, decimals), due: at(m.dueIn, `Milestone ${i + 1} due within`) }));
    if (milestones.length === 0) throw new Error("A service needs at least one milestone with an amount.");
    stake = milestones.reduce((sum, m) => sum + m.amount, 0n);
    // The last milestone is the deal's due date.
    due = milestones[milestones.length - 1].due;
    kind = { service: { milestones: milestones.map((m) => ({ amount: m.amount.toString(), due: m.due })) } };
  } else {
    stake = units(f.amount, meta.stake, decimals);
    due = at(f.dueIn, meta.due);
    switch (f.kind) {
      case "forward":
        kind = { forward: {} };
        break;
      case "loan":
        kind = { loan: { interest: units(f.interest, "Interest", decimals, true).toString() } };
        break;
      case "insurance":
        kind = { insurance: {} };
        break;
      case "pool":
        kind = {
          pool: {
            members: f.members
              .filter((m) => m.address.trim() !== "" || m.stake.trim() !== "")
              .map((m, i) => ({ address: address(m.address, `pool member ${i + 1}`), stake: units(m.stake, `Pool member ${i + 1}'s stake`, decimals).toString() })),
          },
        };
        break;
      case "trade_shipment":
        kind = { trade_shipment: { attestor: address(f.attestor, "attestor (the node's relay)") } };
        break;
    }
  }
  return {
    stake,
    terms: {
      counterparty,
      arbitrator,
      kind,
      counterparty_stake: counterpartyStake.toString(),
      arbitrator_collateral: collateral.toString(),
      sign_by: secondsToNanos(signBy),
      due,
      grace_seconds: grace,
      ruling_seconds: seconds(f.ruling, "The arbitrator rules within"),
      appeal_seconds: seconds(f.appeal, "A ruling may be appealed within", true),
      description: f.description.trim(),
    },
  };
}

export function kindOf(d: DealResponse): DealKindName {
  return Object.keys(d.deal.kind)[0] as DealKindName;
}

/** What happens next in the deal, in words, with `me` as "you". */
export function nextStep(d: DealResponse, me: string): string {
  const { deal } = d;
  const who = (address: string) => (address === me ? "you" : address.slice(0, 10) + "…" + address.slice(-4));
  const [buyer, seller] = [deal.parties[0].address, deal.parties[1].address];
  const kind = kindOf(d);
  switch (d.status) {
    case "proposed": {
      const missing = [...deal.parties, deal.arbitrator].filter((p) => !p.signed).map((p) => `${p.role} (${who(p.address)})`);
      return `Waiting for ${missing.join(", ")} to sign; unsigned by the deadline, it expires and everyone is refunded.`;
    }
    case "active":
      switch (kind) {
        case "loan":
          return `The borrower (${who(seller)}) repays by the deadline, or defaults and the collateral goes to the lender.`;
        case "pool":
          return "Anyone may contribute; at the deadline everything is shared pro rata to the stakes.";
        case "insurance":
          return deal.claimed
            ? `The insured claimed a loss: the insurer (${who(seller)}) accepts it or disputes it; silence accepts it.`
            : `The insured (${who(buyer)}) may claim a loss until the cover ends; without a claim, the insurer keeps the premium.`;
        default: {
          const step = kind === "service" && "service" in deal.kind ? `Milestone ${deal.milestone + 1} of ${deal.kind.service.milestones.length}: ` : "";
          if (deal.claimed) return `${step}The seller claimed delivery: the buyer (${who(buyer)}) confirms or disputes; silence accepts it.`;
          if (kind === "trade_shipment") return `The buyer (${who(buyer)}) confirms receipt, or the relay reports the delivery; none by the deadline refunds the buyer.`;
          return `${step}The seller (${who(seller)}) delivers and says so; the buyer (${who(buyer)}) confirms. Nothing by the deadline: the seller defaults.`;
        }
      }
    case "disputed":
      return `Disputed by ${who(deal.dispute?.raised_by ?? "")}: the arbitrator (${who(deal.arbitrator.address)}) rules by the deadline, or is slashed and a council panel decides.`;
    case "ruled":
      return "Ruled: either party may appeal to a council panel by the deadline, or the ruling stands.";
    case "appealed":
      return `Appealed by ${who(deal.dispute?.appealed_by ?? "")}: a council panel decides by the deadline, or the ruling stands.`;
    case "awaiting_panel":
      return "The arbitrator timed out: a council panel decides by the deadline, or everyone is refunded.";
    case "closed": {
      const status = deal.status as { closed: { outcome: Record<string, unknown> } };
      return `Closed: ${Object.keys(status.closed.outcome)[0]}.`;
    }
  }
}
