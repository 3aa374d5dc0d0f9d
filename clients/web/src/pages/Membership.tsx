// Membership: a newcomer asks to join with a statement and sees the application wait; a member
// sees their standing and can leave; a gatekeeper works through the queue of applications.
import { useState, type FormEvent } from "react";
import { nanosToDate } from "../amounts";
import { NeedsWallet } from "../App";
import { useNode, useWallet } from "../node";
import { useChain } from "../query";
import { TxStatus, useTx } from "../tx";

export function Membership() {
  const node = useNode();
  const { wallet } = useWallet();
  const address = wallet?.address ?? "";
  const member = useChain(["member", address], () => node.council.member({ addr: address }), !!wallet);
  const config = useChain(["council-config"], () => node.council.config());
  // Leaving turns this page into the newcomer's: the outcome stays shown above either.
  const leaveTx = useTx();
  if (!wallet) return <NeedsWallet what="join the node or manage your membership" />;
  if (!member.data) return <p>Loading…</p>;
  const isGatekeeper = config.data?.gatekeepers.includes(address) ?? false;
  return (
    <div className="grid">
      {leaveTx.state.phase !== "idle" && (
        <div className="card wide">
          <TxStatus state={leaveTx.state} testId="leave-tx" />
        </div>
      )}
      {member.data.weight == null ? <Join address={address} /> : <Standing address={address} leaveTx={leaveTx} />}
      {isGatekeeper && <Queue />}
    </div>
  );
}

function Join({ address }: { address: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const [statement, setStatement] = useState("");
  const application = useChain(["application", address], () => node.council.application({ applicant: address }).catch(() => null));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void tx.run("Application", () => wallet!.council.apply({ statement: statement.trim() }));
  };
  return (
    <section className="card" aria-labelledby="join-title" data-testid="join">
      <h2 id="join-title">Ask to join</h2>
      {application.data ? (
        <div data-testid="application" data-filed={application.data.filed_at}>
          <p>
            Your application, filed {nanosToDate(application.data.filed_at).toLocaleString()}, waits for a gatekeeper to admit you.
          </p>
          <blockquote>{application.data.statement}</blockquote>
        </div>
      ) : (
        <form onSubmit={submit}>
          <p>You are not a member of this node yet. Tell its gatekeepers who you are and why you want to join.</p>
          <label>
            Your statement
            <textarea value={statement} onChange={(e) => setStatement(e.target.value)} rows={4} required data-testid="join-statement" />
          </label>
          <button type="submit" disabled={tx.busy || statement.trim() === ""} data-testid="join-submit">
            Ask to join
          </button>
        </form>
      )}
      <TxStatus state={tx.state} testId="join-tx" />
    </section>
  );
}

function Standing({ address, leaveTx: tx }: { address: string; leaveTx: ReturnType<typeof useTx> }) {
  const node = useNode();
  const { wallet } = useWallet();
  const [sure, setSure] = useState(false);
  const standing = useChain(["standing", address], () => node.council.standing({ member: address }));
  return (
    <section className="card" aria-labelledby="standing-title" data-testid="membership">
      <h2 id="standing-title">You are a member</h2>
      {standing.data && (
        <p data-testid="sanction-level">
          Sanction level {standing.data.sanction_level}
          {standing.data.pending_appeals > 0 && `, ${standing.data.pending_appeals} appeal(s) pending`}
          {standing.data.excluded && " — excluded"}
        </p>
      )}
      <h3>Leave the node</h3>
      <p className="muted">Leaving ends your vote and your basic income. You can ask to join again later.</p>
      <label className="inline">
        <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} data-testid="leave-sure" />I want to leave this node
      </label>
      <button type="button" className="danger" disabled={!sure || tx.busy} onClick={() => void tx.run("Leave", () => wallet!.council.leave())} data-testid="leave">
        Leave
      </button>
    </section>
  );
}

function Queue() {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const queue = useChain(["applications"], () => node.council.listApplications({ limit: 30 }));
  return (
    <section className="card wide" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">Applications (you are a gatekeeper)</h2>
      {queue.data?.applications.length === 0 && <p>No one is waiting.</p>}
      <ul className="list">
        {queue.data?.applications.map((a) => (
          <li key={a.applicant} data-testid={`applicant-${a.applicant}`}>
            <p>
              <code>{a.applicant}</code> · filed {nanosToDate(a.filed_at).toLocaleString()}
            </p>
            <blockquote>{a.statement}</blockquote>
            <div className="row">
              <button type="button" disabled={tx.busy} onClick={() => void tx.run("Admit", () => wallet!.council.admit({ applicant: a.applicant }))} data-testid="admit">
                Admit
              </button>
              <label>
                Reason to refuse
                <input value={reasons[a.applicant] ?? ""} onChange={(e) => setReasons({ ...reasons, [a.applicant]: e.target.value })} data-testid="refuse-reason" />
              </label>
              <button
                type="button"
                className="danger"
                disabled={tx.busy}
                onClick={() => void tx.run("Refuse", () => wallet!.council.refuse({ applicant: a.applicant, reason: (reasons[a.applicant] ?? "").trim() }))}
                data-testid="refuse"
              >
                Refuse
              </button>
            </div>
          </li>
        ))}
      </ul>
      <TxStatus state={tx.state} testId="queue-tx" />
    </section>
  );
}
