// Deals: propose a three-signature deal (a forward sale or a loan) with its deadlines; my deals
// (as a party or the arbitrator) by status, each with the next action open to me and its deadline:
// sign, post collateral as the arbitrator, confirm, dispute, rule, advance.
import { EscrowClient, EscrowQueryClient } from "@dac/contracts-client/Escrow.client";
import type { DealResponse, ProposeMsg } from "@dac/contracts-client/Escrow.types";
import { useMemo, useState, type FormEvent } from "react";
import { nanosToDate, parseAmount, secondsToNanos } from "../amounts";
import { NeedsWallet } from "../App";
import { queriesThrough, transactionsThrough } from "../codegen-adapter";
import { useNode, useWallet } from "../node";
import { useChain } from "../query";
import { TxStatus, useTx, wasmAttribute } from "../tx";

const DAY = 86_400;
const toBase64 = (value: object) => btoa(JSON.stringify(value));

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

function ProposeDeal({ tx, escrow }: { tx: Tx; escrow: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const [f, setF] = useState<Record<string, string>>({ kind: "forward", signDays: "1", dueDays: "7", collateral: "0.1", interest: "0" });
  const [problem, setProblem] = useState<string | null>(null);
  const input = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={f[name] ?? ""} onChange={(e) => setF({ ...f, [name]: e.target.value })} data-testid={`deal-${name}`} spellCheck={false} {...props} />
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const d = node.tokenInfo.decimals;
    const amount = parseAmount(f.amount ?? "", d);
    if ("error" in amount) return setProblem(`Amount: ${amount.error}`);
    const collateral = parseAmount(f.collateral ?? "", d);
    if ("error" in collateral) return setProblem(`Arbitrator's collateral: ${collateral.error}`);
    const interest = f.kind === "loan" && f.interest?.trim() && f.interest.trim() !== "0" ? parseAmount(f.interest, d) : { units: 0n };
    if ("error" in interest) return setProblem(`Interest: ${interest.error}`);
    const signDays = Number(f.signDays);
    const dueDays = Number(f.dueDays);
    if (!(signDays > 0 && dueDays > signDays)) return setProblem("Signatures are due before the deal is: give days, the second larger.");
    const now = Math.floor(Date.now() / 1000);
    const terms: ProposeMsg = {
      counterparty: (f.counterparty ?? "").trim(),
      arbitrator: (f.arbitrator ?? "").trim(),
      kind: f.kind === "loan" ? { loan: { interest: interest.units.toString() } } : { forward: {} },
      counterparty_stake: "0",
      arbitrator_collateral: collateral.units.toString(),
      sign_by: secondsToNanos(now + signDays * DAY),
      due: secondsToNanos(now + dueDays * DAY),
      grace_seconds: DAY,
      ruling_seconds: DAY,
      appeal_seconds: DAY,
      description: (f.description ?? "").trim(),
    };
    // The proposer's stake goes in with the proposal: a token send carrying the terms.
    void tx.run("Deal proposal", () => wallet!.token.send({ contract: escrow, amount: amount.units.toString(), msg: toBase64({ propose: terms }) }));
  };
  const id = tx.state.phase === "included" && tx.state.label === "Deal proposal" ? wasmAttribute(tx.state.result, "deal_id") : undefined;
  return (
    <section className="card" aria-labelledby="propose-deal-title">
      <h2 id="propose-deal-title">Propose a deal</h2>
      <p className="muted">You, the counterparty and an arbitrator sign; the arbitrator posts collateral and rules if you disagree.</p>
      <form onSubmit={submit}>
        <label>
          Kind
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })} data-testid="deal-kind">
            <option value="forward">Forward: I pay now, they deliver by the due date</option>
          </select>
        </label>
        {input("counterparty", "Counterparty's address")}
        {input("arbitrator", "Arbitrator's address")}
        {input("amount", `Amount (${node.tokenInfo.symbol})`, { inputMode: "decimal" })}
        {f.kind === "loan" && input("interest", `Interest (${node.tokenInfo.symbol})`, { inputMode: "decimal" })}
        {input("collateral", `Arbitrator's collateral (${node.tokenInfo.symbol})`, { inputMode: "decimal" })}
        {input("signDays", "Everyone signs within (days)", { inputMode: "numeric" })}
        {input("dueDays", "Due in (days)", { inputMode: "numeric" })}
        {input("description", "What for")}
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

function MyDeals({ tx, escrow, escrowAddress }: { tx: Tx; escrow: EscrowQueryClient; escrowAddress: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const me = wallet!.address;
  const deals = useChain(["deals", me], () =>
    escrow.listDeals({ limit: 100 }).then((r) => r.deals.filter((d) => d.deal.arbitrator.address === me || d.deal.parties.some((p) => p.address === me)).reverse()),
  );
  const escrowTx = useMemo(() => new EscrowClient(transactionsThrough(wallet!.signing), me, escrowAddress), [wallet, me, escrowAddress]);
  const [reason, setReason] = useState<Record<number, string>>({});
  const actions = (d: DealResponse) => {
    const id = d.deal.id;
    const mine = d.deal.parties.find((p) => p.address === me);
    const arbitrator = d.deal.arbitrator.address === me;
    const out: { label: string; testId: string; run: () => Promise<unknown>; danger?: boolean }[] = [];
    if (d.status === "proposed") {
      if (mine && !mine.signed) out.push({ label: "Sign", testId: "deal-sign", run: () => escrowTx.sign({ dealId: id }) });
      if (arbitrator && !d.deal.arbitrator.signed)
        out.push({
          label: `Post ${node.amount(d.deal.arbitrator.stake)} collateral`,
          testId: "deal-collateral",
          run: () => wallet!.token.send({ contract: escrowAddress, amount: d.deal.arbitrator.stake, msg: toBase64({ post_collateral: { deal_id: id } }) }),
        });
    }
    if (d.status === "active" && mine) {
      out.push({ label: "Confirm it was done", testId: "deal-confirm", run: () => escrowTx.confirm({ dealId: id }) });
      out.push({ label: "Dispute", testId: "deal-dispute", danger: true, run: () => escrowTx.dispute({ dealId: id, reason: (reason[id] ?? "").trim() }) });
    }
    if (d.status === "disputed" && arbitrator) {
      out.push({ label: "Rule: performed", testId: "deal-rule-performed", run: () => escrowTx.rule({ dealId: id, ruling: { performed: {} } }) });
      out.push({ label: "Rule: not performed", testId: "deal-rule-not-performed", run: () => escrowTx.rule({ dealId: id, ruling: { not_performed: {} } }) });
    }
    if (d.status !== "closed") out.push({ label: "Advance (apply a passed deadline)", testId: "deal-advance", run: () => escrowTx.advance({ dealId: id }) });
    return out;
  };
  return (
    <section className="card wide" aria-labelledby="my-deals-title">
      <h2 id="my-deals-title">My deals</h2>
      {deals.data?.length === 0 && <p>None yet.</p>}
      <ul className="list">
        {deals.data?.map((d) => (
          <li key={d.deal.id} data-testid={`deal-${d.deal.id}`} data-status={d.status}>
            <h3>
              #{d.deal.id} {d.deal.description || Object.keys(d.deal.kind)[0]} · {d.status.replace("_", " ")}
            </h3>
            <p className="muted">
              {Object.keys(d.deal.kind)[0]} · holds {node.amount(d.value_held)}
              {d.next_deadline && <> · next deadline {nanosToDate(d.next_deadline).toLocaleString()}</>}
            </p>
            <ul>
              {[...d.deal.parties, d.deal.arbitrator].map((p) => (
                <li key={p.role + p.address}>
                  {p.role}: <code>{p.address === me ? "you" : p.address}</code> · {p.signed ? "signed" : "not signed yet"}
                </li>
              ))}
            </ul>
            {d.status === "active" && d.deal.parties.some((p) => p.address === me) && (
              <label>
                Reason, if you dispute
                <input value={reason[d.deal.id] ?? ""} onChange={(e) => setReason({ ...reason, [d.deal.id]: e.target.value })} data-testid="deal-reason" />
              </label>
            )}
            <div className="row">
              {actions(d).map((a) => (
                <button key={a.testId} type="button" className={a.danger ? "danger" : undefined} disabled={tx.busy} onClick={() => void tx.run(`${a.label} (#${d.deal.id})`, a.run)} data-testid={a.testId}>
                  {a.label}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
