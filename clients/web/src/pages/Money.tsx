// Money: the balance decaying live, the next period's decay and a month's projection, basic income
// and its window, paying a person (an amount or everything) or a contract, and the member's own
// moves read from the chain's transaction index.
import { useState, type FormEvent } from "react";
import { duration, nextPeriodBoundary, parseAmount, percent, secondsToNanos } from "../amounts";
import { NeedsWallet } from "../App";
import { useNode, useWallet, type Node } from "../node";
import { useChain, useNow } from "../query";
import { TxStatus, useTx, wasmAttribute } from "../tx";

const MONTH_SECONDS = 30 * 86_400;

export function Money() {
  const { wallet } = useWallet();
  if (!wallet) return <NeedsWallet what="see and move your money" />;
  return (
    <div className="grid">
      <Balance address={wallet.address} />
      <Income address={wallet.address} />
      <Pay />
      <PayContract />
      <History address={wallet.address} />
    </div>
  );
}

function Balance({ address }: { address: string }) {
  const node = useNode();
  const now = useNow();
  const demurrage = useChain(["demurrage"], () => node.token.demurrage());
  const balance = useChain(["balance", address], () => node.token.balance({ address }));
  const boundary = demurrage.data ? nextPeriodBoundary(demurrage.data.checkpoint_time, demurrage.data.period_seconds, now) : undefined;
  // The projections are keyed by the period they land in, so they are re-read once a period.
  const next = useChain(["projected", address, boundary], () => node.token.projectedBalance({ address, at: secondsToNanos(boundary!) }), !!boundary);
  const monthAt = boundary ? boundary + MONTH_SECONDS : undefined;
  const month = useChain(["projected", address, monthAt], () => node.token.projectedBalance({ address, at: secondsToNanos(monthAt!) }), !!monthAt);
  const units = balance.data?.balance;
  const nextLoss = units && next.data ? BigInt(units) - BigInt(next.data.balance) : undefined;
  const monthLoss = units && month.data ? BigInt(units) - BigInt(month.data.balance) : undefined;
  return (
    <section className="card" aria-labelledby="balance-title">
      <h2 id="balance-title">Balance</h2>
      <p className="big" data-testid="balance" data-amount={units} aria-live="polite">
        {units !== undefined ? node.amount(units) : "…"}
      </p>
      {demurrage.data && (
        <p data-testid="decay" className="muted">
          Holdings decay {percent(demurrage.data.rate)} every {duration(demurrage.data.period_seconds)} into the commons pool, which pays
          basic income.
        </p>
      )}
      {boundary !== undefined && nextLoss !== undefined && (
        <p data-testid="next-step" data-at={boundary} data-loss={nextLoss.toString()}>
          Next decay in {Math.max(0, boundary - now)} s: −{node.amount(nextLoss)}
        </p>
      )}
      {month.data && monthLoss !== undefined && (
        <p data-testid="month" data-amount={month.data.balance} data-loss={monthLoss.toString()}>
          In a month, if you keep it: {node.amount(month.data.balance)} (−{node.amount(monthLoss)})
        </p>
      )}
    </section>
  );
}

function Income({ address }: { address: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const claimable = useChain(["claimable", address], () => node.token.claimable({ address }));
  const demurrage = useChain(["demurrage"], () => node.token.demurrage());
  const income = tx.state.phase === "included" ? wasmAttribute(tx.state.result, "income") : undefined;
  const window = demurrage.data ? demurrage.data.income_window_periods * demurrage.data.period_seconds : undefined;
  return (
    <section className="card" aria-labelledby="income-title">
      <h2 id="income-title">Basic income</h2>
      <p className="big">
        <span data-testid="claimable" data-amount={claimable.data?.amount}>
          {claimable.data ? node.amount(claimable.data.amount) : "…"}
        </span>{" "}
        claimable
      </p>
      {claimable.data && !claimable.data.is_member && <p>This account receives no basic income: only members do.</p>}
      {window !== undefined && (
        <p className="muted" data-testid="income-window">
          Claim within {duration(window)} ({demurrage.data!.income_window_periods} periods): older income goes back to the pool.
        </p>
      )}
      <button
        type="button"
        data-testid="claim"
        disabled={tx.busy || !claimable.data?.is_member || claimable.data.amount === "0"}
        onClick={() => void tx.run("Claim", () => wallet!.token.claimIncome())}
      >
        Claim
      </button>
      <TxStatus state={tx.state} testId="claim-tx" />
      {income !== undefined && (
        <p data-testid="claim-result" data-income={income}>
          Claimed {node.amount(income)}.
        </p>
      )}
    </section>
  );
}

function Pay() {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const [recipient, setRecipient] = useState("");
  const [amount, setAmount] = useState("");
  const [everything, setEverything] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const to = recipient.trim();
    if (!to.startsWith(node.config.bech32Prefix + "1")) return setProblem(`The recipient must be an address starting ${node.config.bech32Prefix}1.`);
    if (everything) {
      void tx.run("Pay everything", () => wallet!.token.transferAll({ recipient: to }));
      return;
    }
    const parsed = parseAmount(amount, node.tokenInfo.decimals);
    if ("error" in parsed) return setProblem(parsed.error);
    void tx.run("Pay", () => wallet!.token.transfer({ recipient: to, amount: parsed.units.toString() }));
  };
  return (
    <section className="card" aria-labelledby="pay-title">
      <h2 id="pay-title">Pay someone</h2>
      <form onSubmit={submit} data-testid="pay-form">
        <label>
          Recipient address
          <input value={recipient} onChange={(e) => setRecipient(e.target.value)} data-testid="pay-recipient" autoComplete="off" spellCheck={false} />
        </label>
        <label>
          Amount ({node.tokenInfo.symbol})
          <input value={amount} onChange={(e) => setAmount(e.target.value)} disabled={everything} inputMode="decimal" data-testid="pay-amount" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={everything} onChange={(e) => setEverything(e.target.checked)} data-testid="pay-everything" />
          Everything I hold (what decays by the time it is included goes too)
        </label>
        <button type="submit" disabled={tx.busy} data-testid="pay-submit">
          Pay
        </button>
      </form>
      {problem && (
        <p role="alert" className="error" data-testid="pay-problem">
          {problem}
        </p>
      )}
      <TxStatus state={tx.state} testId="pay-tx" />
    </section>
  );
}

function PayContract() {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const [contract, setContract] = useState(node.config.contracts.housing);
  const [amount, setAmount] = useState("");
  const [message, setMessage] = useState('{"pay_fees": {}}');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const parsed = parseAmount(amount, node.tokenInfo.decimals);
    if ("error" in parsed) return setProblem(parsed.error);
    let msg: string;
    try {
      msg = btoa(JSON.stringify(JSON.parse(message)));
    } catch {
      return setProblem("The message must be JSON, e.g. {\"pay_fees\": {}}.");
    }
    void tx.run("Pay the contract", () => wallet!.token.send({ contract: contract.trim(), amount: parsed.units.toString(), msg }));
  };
  return (
    <section className="card" aria-labelledby="pay-contract-title">
      <h2 id="pay-contract-title">Pay a contract</h2>
      <p className="muted">The token is sent with a message the contract acts on: the housing registry's {"{\"pay_fees\": {}}"} pays your home's fees.</p>
      <form onSubmit={submit} data-testid="pay-contract-form">
        <label>
          Contract
          <select value={contract} onChange={(e) => setContract(e.target.value)} data-testid="pay-contract">
            <option value={node.config.contracts.housing}>Housing registry</option>
            {node.config.contracts.escrow && <option value={node.config.contracts.escrow}>Escrow</option>}
          </select>
        </label>
        <label>
          Amount ({node.tokenInfo.symbol})
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="pay-contract-amount" />
        </label>
        <label>
          Message (JSON)
          <textarea value={message} onChange={(e) => setMessage(e.target.value)} rows={2} data-testid="pay-contract-msg" spellCheck={false} />
        </label>
        <button type="submit" disabled={tx.busy} data-testid="pay-contract-submit">
          Send
        </button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <TxStatus state={tx.state} testId="pay-contract-tx" />
    </section>
  );
}

export interface Move {
  hash: string;
  height: number;
  kind: "sent" | "received" | "income";
  counterparty?: string;
  amount: string;
}

/** The member's moves of the token, from the chain's transaction index (newest first). */
export async function readMoves(node: Node, address: string): Promise<Move[]> {
  const token = node.config.contracts.token;
  const queries = [`wasm.from='${address}'`, `wasm.to='${address}'`, `wasm.member='${address}'`];
  const found = (await Promise.all(queries.map((q) => node.reader.searchTx(q)))).flat();
  const seen = new Set<string>();
  const moves: Move[] = [];
  for (const tx of found.sort((a, b) => b.height - a.height)) {
    if (seen.has(tx.hash) || tx.code !== 0) continue;
    seen.add(tx.hash);
    for (const event of tx.events) {
      if (event.type !== "wasm") continue;
      const attr = (key: string) => event.attributes.find((a) => a.key === key)?.value;
      if (attr("_contract_address") !== token) continue;
      const action = attr("action");
      if ((action === "transfer" || action === "send") && attr("from") === address)
        moves.push({ hash: tx.hash, height: tx.height, kind: "sent", counterparty: attr("to"), amount: attr("amount") ?? "0" });
      else if ((action === "transfer" || action === "send") && attr("to") === address)
        moves.push({ hash: tx.hash, height: tx.height, kind: "received", counterparty: attr("from"), amount: attr("amount") ?? "0" });
      else if (action === "claim_income" && attr("member") === address)
        moves.push({ hash: tx.hash, height: tx.height, kind: "income", amount: attr("income") ?? "0" });
    }
  }
  return moves;
}

function History({ address }: { address: string }) {
  const node = useNode();
  const moves = useChain(["moves", address], () => readMoves(node, address));
  return (
    <section className="card wide" aria-labelledby="history-title">
      <h2 id="history-title">My moves</h2>
      <p className="muted">From the chain's own record of transactions, newest first.</p>
      {moves.error && <p role="alert" className="error">{String(moves.error)}</p>}
      {moves.data?.length === 0 && <p>No moves yet.</p>}
      {moves.data && moves.data.length > 0 && (
        <table data-testid="history">
          <thead>
            <tr>
              <th scope="col">Block</th>
              <th scope="col">What</th>
              <th scope="col">Amount</th>
              <th scope="col">Tx</th>
            </tr>
          </thead>
          <tbody>
            {moves.data.map((m, i) => (
              <tr key={`${m.hash}-${i}`} data-testid="move" data-kind={m.kind} data-tx={m.hash} data-amount={m.amount}>
                <td>{m.height}</td>
                <td>
                  {m.kind === "sent" && <>to <code>{m.counterparty}</code></>}
                  {m.kind === "received" && <>from <code>{m.counterparty}</code></>}
                  {m.kind === "income" && <>basic income</>}
                </td>
                <td className="num">
                  {m.kind === "sent" ? "−" : "+"}
                  {node.amount(m.amount)}
                </td>
                <td>
                  <code title={m.hash}>{m.hash.slice(0, 8)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
