// Deals: propose a three-signature deal of any kind the escrow has (forward sale, service in
// milestones, loan, insurance, pool, trade shipment) with its deadlines; my deals (as a party, a
// pool member or the arbitrator) by status, each with the next step, its deadline and the actions
// open to me: sign with my stake, post collateral as the arbitrator, withdraw, claim delivery or a
// loss, confirm, repay, contribute, dispute, rule, appeal, and advance a deal whose deadline passed.
import { EscrowClient, EscrowQueryClient } from "@dac/contracts-client/Escrow.client";
import type { DealResponse, StatusKey } from "@dac/contracts-client/Escrow.types";
import { useMemo, useState, type FormEvent } from "react";
import { nanosToDate, parseAmount } from "../amounts";
import { NeedsWallet } from "../App";
import { queriesThrough, transactionsThrough } from "../codegen-adapter";
import { buildProposal, DEAL_KINDS, DEFAULT_FORM, kindOf, nextStep, type DealForm, type Duration, type Unit } from "../deals";
import { useNode, useWallet } from "../node";
import { readAll, useChain, useNow } from "../query";
import { TxStatus, useTx, wasmAttribute } from "../tx";

const toBase64 = (value: object) => btoa(JSON.stringify(value));
const STATUSES: StatusKey[] = ["proposed", "active", "disputed", "ruled", "appealed", "awaiting_panel", "closed"];

export function Deals() {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const escrowAddress = node.config.contracts.escrow;
  const escrow = useMemo(() => (escrowAddress ? new EscrowQueryClient(queriesThrough(node.reader), escrowAddress) : null), [node, escrowAddress]);
  if (!escrowAddress || !escrow) return <p>This node has no escrow contract in its deployment.</p>;
  if (!wallet) return <NeedsWallet what="make and settle deals" />;
  return (
    <div className="grid">
      <div className="card wide">
        <TxStatus state={tx.state} testId="deals-tx" />
      </div>
      <ProposeDeal tx={tx} escrow={escrowAddress} />
      <MyDeals tx={tx} escrow={escrow} escrowAddress={escrowAddress} />
    </div>
  );
}

type Tx = ReturnType<typeof useTx>;

/** A duration as a whole number and its unit; both controls are labelled. */
function DurationField({ label, value, onChange, testId }: { label: string; value: Duration; onChange: (d: Duration) => void; testId: string }) {
  return (
    <div className="duration">
      <label>
        {label}
        <input value={value.count} onChange={(e) => onChange({ ...value, count: e.target.value })} inputMode="numeric" data-testid={testId} />
      </label>
      <select aria-label={`${label}: unit`} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as Unit })} data-testid={`${testId}-unit`}>
        <option value="minutes">minutes</option>
        <option value="hours">hours</option>
        <option value="days">days</option>
      </select>
    </div>
  );
}

function ProposeDeal({ tx, escrow }: { tx: Tx; escrow: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const relay = node.config.contracts.relay;
  const [f, setF] = useState<DealForm>({ ...DEFAULT_FORM, attestor: relay ?? "" });
  const [problem, setProblem] = useState<string | null>(null);
  const meta = DEAL_KINDS.find((k) => k.kind === f.kind)!;
  const symbol = node.tokenInfo.symbol;
  const text = (name: "counterparty" | "arbitrator" | "amount" | "counterpartyStake" | "interest" | "collateral" | "description", label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} data-testid={`deal-${name}`} spellCheck={false} {...props} />
    </label>
  );
  const duration = (name: "signWithin" | "dueIn" | "grace" | "ruling" | "appeal", label: string) => (
    <DurationField label={label} value={f[name]} onChange={(d) => setF({ ...f, [name]: d })} testId={`deal-${name}`} />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    let proposal: ReturnType<typeof buildProposal>;
    try {
      proposal = buildProposal(f, node.tokenInfo.decimals, Math.floor(Date.now() / 1000));
    } catch (e) {
      return setProblem((e as Error).message);
    }
    // The proposer's stake goes in with the proposal: a token send carrying the terms.
    void tx.run("Deal proposal", () => wallet!.token.send({ contract: escrow, amount: proposal.stake.toString(), msg: toBase64({ propose: proposal.terms }) }));
  };
  const id = tx.state.phase === "included" && tx.state.label === "Deal proposal" ? wasmAttribute(tx.state.result, "deal_id") : undefined;
  const amountProps = { inputMode: "decimal" };
  return (
    <section className="card" aria-labelledby="propose-deal-title">
      <h2 id="propose-deal-title">Propose a deal</h2>
      <p className="muted">You, the counterparty and an arbitrator sign; the arbitrator posts collateral and rules if you disagree.</p>
      <form onSubmit={submit}>
        <label>
          Kind
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as DealForm["kind"] })} data-testid="deal-kind">
            {DEAL_KINDS.filter((k) => k.kind !== "trade_shipment" || relay).map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {text("counterparty", f.kind === "loan" ? "Borrower's address" : f.kind === "insurance" ? "Insurer's address" : f.kind === "pool" ? "Counterparty's address" : "Seller's address")}
        {text("arbitrator", "Arbitrator's address")}
        {f.kind !== "service" && text("amount", `${meta.stake} (${symbol})`, amountProps)}
        {f.kind === "loan" && text("interest", `Interest (${symbol})`, amountProps)}
        {text("counterpartyStake", `${meta.counterStake} (${symbol})${meta.counterStakeRequired ? "" : ", optional"}`, amountProps)}
        {text("collateral", `Arbitrator's collateral (${symbol})`, amountProps)}
        {f.kind === "service" && (
          <fieldset data-testid="deal-milestones">
            <legend>Milestones: each paid when delivered; the last is the deal's due date</legend>
            {f.milestones.map((m, i) => (
              <div key={i} className="row">
                <label>
                  Milestone {i + 1} ({symbol})
                  <input
                    value={m.amount}
                    inputMode="decimal"
                    onChange={(e) => setF({ ...f, milestones: f.milestones.map((x, k) => (k === i ? { ...x, amount: e.target.value } : x)) })}
                    data-testid={`deal-milestone-${i}`}
                  />
                </label>
                <DurationField
                  label={`Milestone ${i + 1} due within`}
                  value={m.dueIn}
                  onChange={(d) => setF({ ...f, milestones: f.milestones.map((x, k) => (k === i ? { ...x, dueIn: d } : x)) })}
                  testId={`deal-milestone-${i}-due`}
                />
              </div>
            ))}
            <div className="row">
              <button type="button" onClick={() => setF({ ...f, milestones: [...f.milestones, { amount: "", dueIn: { ...f.milestones[f.milestones.length - 1].dueIn } }] })} data-testid="deal-milestone-add">
                Add a milestone
              </button>
              {f.milestones.length > 1 && (
                <button type="button" onClick={() => setF({ ...f, milestones: f.milestones.slice(0, -1) })}>
                  Remove the last milestone
                </button>
              )}
            </div>
          </fieldset>
        )}
        {f.kind === "pool" && (
          <fieldset data-testid="deal-members">
            <legend>Other pool members and their stakes</legend>
            {f.members.map((m, i) => (
              <div key={i} className="row">
                <label>
                  Member {i + 1}'s address
                  <input value={m.address} spellCheck={false} onChange={(e) => setF({ ...f, members: f.members.map((x, k) => (k === i ? { ...x, address: e.target.value } : x)) })} data-testid={`deal-member-${i}`} />
                </label>
                <label>
                  Member {i + 1}'s stake ({symbol})
                  <input value={m.stake} inputMode="decimal" onChange={(e) => setF({ ...f, members: f.members.map((x, k) => (k === i ? { ...x, stake: e.target.value } : x)) })} data-testid={`deal-member-${i}-stake`} />
                </label>
              </div>
            ))}
            <button type="button" onClick={() => setF({ ...f, members: [...f.members, { address: "", stake: "" }] })} data-testid="deal-member-add">
              Add a member
            </button>
          </fieldset>
        )}
        {f.kind === "trade_shipment" && (
          <p className="muted" data-testid="deal-attestor">
            The node's relay attests the delivery: <code>{f.attestor}</code>
          </p>
        )}
        {duration("signWithin", "Everyone signs within")}
        {f.kind !== "service" && duration("dueIn", meta.due)}
        {f.kind !== "loan" && f.kind !== "pool" && duration("grace", "After a due date, time to confirm or dispute")}
        {duration("ruling", "The arbitrator rules within")}
        {duration("appeal", "A ruling may be appealed within")}
        {text("description", "What for")}
        <button type="submit" disabled={tx.busy} data-testid="deal-submit">
          Propose
        </button>
      </form>
      {problem && (
        <p role="alert" className="error" data-testid="deal-problem">
          {problem}
        </p>
      )}
      {id && (
        <p data-testid="proposed-deal" data-id={id}>
          Deal #{id} proposed: waiting for the signatures.
        </p>
      )}
    </section>
  );
}

interface Action {
  label: string;
  testId: string;
  run: () => Promise<unknown>;
  danger?: boolean;
}

function MyDeals({ tx, escrow, escrowAddress }: { tx: Tx; escrow: EscrowQueryClient; escrowAddress: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const now = useNow();
  const me = wallet!.address;
  const [show, setShow] = useState<StatusKey | "all">("all");
  // Newest first: the escrow lists a party's deals by id, ascending.
  const deals = useChain(["deals", me], () =>
    readAll((startAfter?: number) => escrow.dealsByParty({ address: me, startAfter, limit: 30 }).then((r) => r.deals), (d) => d.deal.id).then((all) => all.reverse()),
  );
  const escrowTx = useMemo(() => new EscrowClient(transactionsThrough(wallet!.signing), me, escrowAddress), [wallet, me, escrowAddress]);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const field = (id: number, name: string) => typed[`${id}/${name}`] ?? "";
  const input = (id: number, name: string, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={field(id, name)} onChange={(e) => setTyped({ ...typed, [`${id}/${name}`]: e.target.value })} data-testid={`deal-${name}`} {...props} />
    </label>
  );
  // A deposit in the token: a send to the escrow whose hook names the step.
  const deposit = (amount: string, msg: object) => wallet!.token.send({ contract: escrowAddress, amount, msg: toBase64(msg) });
  const amountOf = (id: number, name: string, what: string) => {
    const parsed = parseAmount(field(id, name), node.tokenInfo.decimals);
    if ("error" in parsed) throw new Error(`${what}: ${parsed.error}`);
    return parsed.units.toString();
  };

  const actions = (d: DealResponse): Action[] => {
    const { deal } = d;
    const id = deal.id;
    const kind = kindOf(d);
    const mine = deal.parties.find((p) => p.address === me);
    const buyer = deal.parties[0].address === me;
    const seller = deal.parties[1].address === me;
    const arbitrator = deal.arbitrator.address === me;
    const out: Action[] = [];
    if (d.status === "proposed") {
      if (mine && !buyer && !mine.signed) {
        const stake = BigInt(mine.stake);
        out.push(
          stake > 0n
            ? { label: `Sign with ${node.amount(stake)}`, testId: "deal-sign", run: () => deposit(mine.stake, { sign: { deal_id: id } }) }
            : { label: "Sign", testId: "deal-sign", run: () => escrowTx.sign({ dealId: id }) },
        );
      }
      if (arbitrator && !deal.arbitrator.signed)
        out.push({ label: `Post ${node.amount(deal.arbitrator.stake)} collateral`, testId: "deal-collateral", run: () => deposit(deal.arbitrator.stake, { post_collateral: { deal_id: id } }) });
      if (buyer) out.push({ label: "Call it off (everyone refunded)", testId: "deal-withdraw", danger: true, run: () => escrowTx.withdraw({ dealId: id }) });
    }
    if (d.status === "active") {
      if (kind === "loan" && seller) {
        const owed = (BigInt(deal.parties[0].stake) + BigInt("loan" in deal.kind ? deal.kind.loan.interest : "0")).toString();
        out.push({ label: `Repay ${node.amount(owed)}`, testId: "deal-repay", run: () => deposit(owed, { repay: { deal_id: id } }) });
      }
      if (kind === "pool") out.push({ label: "Contribute", testId: "deal-contribute", run: async () => deposit(amountOf(id, "contribution", "Contribution"), { contribute: { deal_id: id } }) });
      if (kind === "insurance") {
        if (buyer && !deal.claimed) out.push({ label: "Claim a loss", testId: "deal-claim", run: () => escrowTx.confirm({ dealId: id }) });
        if (seller && deal.claimed) out.push({ label: "Accept the claim (pay the cover)", testId: "deal-confirm", run: () => escrowTx.confirm({ dealId: id }) });
      }
      if (kind === "forward" || kind === "service" || kind === "trade_shipment") {
        if (buyer) out.push({ label: kind === "service" ? "Confirm this milestone was delivered" : "Confirm it was delivered", testId: "deal-confirm", run: () => escrowTx.confirm({ dealId: id }) });
        if (seller && kind !== "trade_shipment" && !deal.claimed) out.push({ label: "Say it is delivered", testId: "deal-claim", run: () => escrowTx.confirm({ dealId: id }) });
      }
      if (mine && (buyer || seller) && kind !== "loan" && kind !== "pool")
        out.push({ label: "Dispute", testId: "deal-dispute", danger: true, run: () => escrowTx.dispute({ dealId: id, reason: field(id, "reason").trim() }) });
    }
    if (d.status === "disputed" && arbitrator) {
      out.push({ label: "Rule: performed", testId: "deal-rule-performed", run: () => escrowTx.rule({ dealId: id, ruling: { performed: {} } }) });
      out.push({ label: "Rule: not performed", testId: "deal-rule-not-performed", run: () => escrowTx.rule({ dealId: id, ruling: { not_performed: {} } }) });
      out.push({
        label: "Rule: split",
        testId: "deal-rule-split",
        run: async () => {
          const percent = Number(field(id, "split"));
          if (field(id, "split").trim() === "" || !(percent >= 0 && percent <= 100)) throw new Error("The proposer's share is a percentage from 0 to 100.");
          return escrowTx.rule({ dealId: id, ruling: { split: { proposer_share: (percent / 100).toFixed(6) } } });
        },
      });
    }
    if (d.status === "ruled" && (buyer || seller)) out.push({ label: "Appeal to a council panel", testId: "deal-appeal", run: () => escrowTx.appeal({ dealId: id }) });
    // Anyone may move a deal on once its deadline passed (the escrow checks the chain's clock).
    if (d.next_deadline && nanosToDate(d.next_deadline).getTime() / 1000 < now)
      out.push({ label: "Advance: apply the passed deadline", testId: "deal-advance", run: () => escrowTx.advance({ dealId: id }) });
    return out;
  };

  const shown = deals.data?.filter((d) => show === "all" || d.status === show);
  return (
    <section className="card wide" aria-labelledby="my-deals-title">
      <h2 id="my-deals-title">My deals</h2>
      <label>
        Show
        <select value={show} onChange={(e) => setShow(e.target.value as StatusKey | "all")} data-testid="deals-show">
          <option value="all">every deal ({deals.data?.length ?? 0})</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace("_", " ")} ({deals.data?.filter((d) => d.status === s).length ?? 0})
            </option>
          ))}
        </select>
      </label>
      {shown?.length === 0 && <p>None.</p>}
      <ul className="list">
        {shown?.map((d) => {
          const id = d.deal.id;
          const kind = kindOf(d);
          const disputable = d.status === "active" && kind !== "loan" && kind !== "pool" && d.deal.parties.slice(0, 2).some((p) => p.address === me);
          return (
            <li key={id} data-testid={`deal-${id}`} data-status={d.status} data-kind={kind}>
              <h3>
                #{id} {d.deal.description || kind.replace("_", " ")} · {d.status.replace("_", " ")}
              </h3>
              <p className="muted">
                {kind.replace("_", " ")} · holds {node.amount(d.value_held)}
              </p>
              <p data-testid="deal-next">{nextStep(d, me)}</p>
              {d.next_deadline && (
                <p data-testid="deal-deadline" data-at={d.next_deadline}>
                  Deadline: {nanosToDate(d.next_deadline).toLocaleString()}
                </p>
              )}
              <ul>
                {[...d.deal.parties, d.deal.arbitrator].map((p) => (
                  <li key={p.role + p.address}>
                    {p.role}: <code>{p.address === me ? "you" : p.address}</code> · {node.amount(p.stake)} · {p.signed ? "signed" : "not signed yet"}
                  </li>
                ))}
              </ul>
              {"service" in d.deal.kind && (
                <ol data-testid="deal-milestone-list">
                  {d.deal.kind.service.milestones.map((m, i) => (
                    <li key={i}>
                      {node.amount(m.amount)} due {nanosToDate(m.due).toLocaleString()} · {i < d.deal.milestone ? "paid" : i === d.deal.milestone && d.status !== "closed" ? "current" : ""}
                    </li>
                  ))}
                </ol>
              )}
              {d.deal.dispute && (
                <p className="muted">
                  Dispute by <code>{d.deal.dispute.raised_by === me ? "you" : d.deal.dispute.raised_by}</code>: “{d.deal.dispute.reason}”
                  {d.deal.dispute.ruling && <> · ruled {Object.keys(d.deal.dispute.ruling)[0].replace("_", " ")}</>}
                  {d.deal.dispute.appealed_by && <> · appealed</>}
                </p>
              )}
              {disputable && input(id, "reason", "Reason, if you dispute")}
              {d.status === "active" && kind === "pool" && input(id, "contribution", `Contribution (${node.tokenInfo.symbol})`, { inputMode: "decimal" })}
              {d.status === "disputed" && d.deal.arbitrator.address === me && input(id, "split", "Proposer's share if split (%)", { inputMode: "decimal" })}
              <div className="row">
                {actions(d).map((a) => (
                  <button key={a.testId} type="button" className={a.danger ? "danger" : undefined} disabled={tx.busy} onClick={() => void tx.run(`${a.label} (#${id})`, a.run)} data-testid={a.testId}>
                    {a.label}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
