// Justice: a monitor reports a member; the head (the sanction authority here) sanctions or
// dismisses a report; a member sees the sanctions on them and appeals within the window; anyone
// sees the panels (and those awaiting their draw), and a panelist the rulings put to their panels.
import { useState, type FormEvent } from "react";
import { nanosToDate } from "../amounts";
import { NeedsWallet } from "../App";
import { useNode, useWallet } from "../node";
import { rulingsOf, rulingText } from "../panels";
import { PAGE_LIMIT, readAll, useChain } from "../query";
import { TxStatus, useTx } from "../tx";

export function Justice() {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const config = useChain(["council-config"], () => node.council.config());
  if (!wallet) return <NeedsWallet what="see sanctions, report and appeal" />;
  const me = wallet.address;
  const isMonitor = config.data?.monitors.includes(me) ?? false;
  const authority = config.data?.sanction_authority;
  const decides = authority !== undefined && authority === "head" && config.data?.head === me;
  return (
    <div className="grid">
      <div className="card wide">
        <TxStatus state={tx.state} testId="justice-tx" />
      </div>
      <MySanctions address={me} tx={tx} />
      {isMonitor && <Report tx={tx} />}
      <Reports decides={decides} tx={tx} />
      <Panels address={me} />
    </div>
  );
}

type Tx = ReturnType<typeof useTx>;

function MySanctions({ address, tx }: { address: string; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const sanctions = useChain(["sanctions", address], () => node.council.listSanctions({ member: address, limit: 30 }).then((r) => r.sanctions));
  const [grounds, setGrounds] = useState<Record<number, string>>({});
  const now = Date.now();
  return (
    <section className="card" aria-labelledby="my-sanctions-title" data-testid="my-sanctions">
      <h2 id="my-sanctions-title">Sanctions on me</h2>
      {sanctions.data?.length === 0 && <p>None.</p>}
      <ul className="list">
        {sanctions.data?.map((s) => {
          const open = !s.appeal && nanosToDate(s.appeal_deadline).getTime() > now;
          return (
            <li key={s.id} data-testid={`sanction-${s.id}`} data-level={s.level}>
              <p>
                Sanction #{s.id}, level {s.level}, from report #{s.report_id} · {nanosToDate(s.imposed_at).toLocaleString()}
              </p>
              {s.appeal ? (
                <p data-testid="appeal">
                  Appealed: “{s.appeal.grounds}” ·{" "}
                  {s.appeal.upheld == null ? "awaiting the decision" : s.appeal.upheld ? "the sanction was upheld" : "the sanction was lifted"}
                </p>
              ) : open ? (
                <form
                  onSubmit={(e: FormEvent) => {
                    e.preventDefault();
                    void tx.run("Appeal", () => wallet!.council.appeal({ sanctionId: s.id, grounds: (grounds[s.id] ?? "").trim() }));
                  }}
                >
                  <label>
                    Grounds for appeal (by {nanosToDate(s.appeal_deadline).toLocaleString()})
                    <textarea value={grounds[s.id] ?? ""} onChange={(e) => setGrounds({ ...grounds, [s.id]: e.target.value })} rows={2} data-testid="appeal-grounds" />
                  </label>
                  <button type="submit" disabled={tx.busy || !(grounds[s.id] ?? "").trim()} data-testid="appeal-submit">
                    Appeal
                  </button>
                </form>
              ) : (
                <p className="muted">The appeal window has closed.</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Report({ tx }: { tx: Tx }) {
  const { wallet } = useWallet();
  const [member, setMember] = useState("");
  const [description, setDescription] = useState("");
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">Report a member (you are a monitor)</h2>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void tx.run("Report", () => wallet!.council.report({ member: member.trim(), description: description.trim() }));
        }}
      >
        <label>
          Member's address
          <input value={member} onChange={(e) => setMember(e.target.value)} data-testid="report-member" spellCheck={false} />
        </label>
        <label>
          What happened
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} data-testid="report-description" />
        </label>
        <button type="submit" disabled={tx.busy} data-testid="report-submit">
          Report
        </button>
      </form>
    </section>
  );
}

function Reports({ decides, tx }: { decides: boolean; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const reports = useChain(["reports"], () => node.council.listReports({ limit: 100 }).then((r) => r.reports.reverse()));
  return (
    <section className="card wide" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      {reports.data?.length === 0 && <p>No reports.</p>}
      <ul className="list">
        {reports.data?.map((r) => {
          const status = typeof r.status === "string" ? r.status : `sanctioned (#${r.status.sanctioned.sanction_id})`;
          return (
            <li key={r.id} data-testid={`report-${r.id}`} data-status={typeof r.status === "string" ? r.status : "sanctioned"}>
              <p>
                #{r.id} on <code>{r.member}</code> by <code>{r.monitor}</code> · {status}
              </p>
              <blockquote>{r.description}</blockquote>
              {decides && r.status === "open" && (
                <div className="row">
                  <button type="button" className="danger" disabled={tx.busy} onClick={() => void tx.run(`Sanction on report #${r.id}`, () => wallet!.council.sanction({ reportId: r.id }))} data-testid="sanction">
                    Sanction
                  </button>
                  <button type="button" disabled={tx.busy} onClick={() => void tx.run(`Dismissal of report #${r.id}`, () => wallet!.council.dismissReport({ reportId: r.id }))} data-testid="dismiss">
                    Dismiss
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Panels({ address }: { address: string }) {
  const node = useNode();
  const panels = useChain(["panels"], () => readAll((startAfter?: number) => node.council.listPanels({ startAfter, limit: PAGE_LIMIT }).then((r) => r.panels), (p) => p.id));
  const mine = panels.data?.filter((p) => p.members.includes(address)) ?? [];
  // Their rulings: the proposals put to my panels (read only when I sit on one).
  const rulings = useChain(
    ["panel-rulings", mine.map((p) => p.id).join(",")],
    async () => rulingsOf(mine.map((p) => p.id), await readAll((startAfter?: number) => node.council.listProposals({ startAfter, limit: PAGE_LIMIT }).then((r) => r.proposals), (p) => p.id)),
    mine.length > 0,
  );
  const waiting = panels.data?.filter((p) => p.status === "committed") ?? [];
  return (
    <section className="card" aria-labelledby="panels-title" data-testid="panels">
      <h2 id="panels-title">Panels</h2>
      <p data-testid="panels-count" data-drawn={panels.data?.length ?? ""} data-mine={mine.length}>
        {panels.data?.length ?? "…"} panel(s); you sit on {mine.length}.
      </p>
      {waiting.length > 0 && (
        <p className="muted" data-testid="panels-waiting">
          Awaiting their draw: {waiting.map((p) => `#${p.id} (${p.purpose}, drand round ${p.round})`).join("; ")}.
        </p>
      )}
      <ul className="list">
        {mine.map((p) => (
          <li key={p.id} data-testid={`panel-${p.id}`}>
            <p>
              Panel #{p.id}: {p.purpose} · {p.status}
              {p.deal_id != null && ` · deal #${p.deal_id}`} · until {nanosToDate(p.expires).toLocaleString()}
            </p>
            <ul>
              {rulings.data?.get(p.id)?.length === 0 && <li>No ruling proposed yet.</li>}
              {rulings.data?.get(p.id)?.map((r) => (
                <li key={r.id} data-testid="panel-ruling" data-status={r.status}>
                  #{r.id} {r.title} · {r.status} · tally {r.chambers.map((c) => c.tally.join("/")).join(", ")}
                  {rulingText(r.msgs) && <> · {rulingText(r.msgs)}</>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
