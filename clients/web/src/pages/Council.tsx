// Council: proposals by status with each chamber's tally and the deadlines; vote (and revote where
// the council's rules allow it); close and execute; propose with forms that build the messages for
// the common kinds (a treaty among them), or raw messages; delegate a topic and see where the
// delegation leads.
import type { CosmosMsgForEmpty, CouncilResponse, ProposalResponse, ProposalStatus, VoteOption } from "@dac/contracts-client/Council.types";
import { IbcRelayQueryClient } from "@dac/contracts-client/IbcRelay.client";
import { useState, type FormEvent, type ReactNode } from "react";
import { nanosToDate } from "../amounts";
import { NeedsWallet } from "../App";
import { queriesThrough } from "../codegen-adapter";
import { useNode, useWallet } from "../node";
import { useChain } from "../query";
import { buildMessages, KINDS, TREATY_KINDS, type Kind } from "../proposals";
import { TxStatus, useTx, wasmAttribute } from "../tx";

const STATUSES: { status: ProposalStatus; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "passed", label: "Passed" },
  { status: "executed", label: "Executed" },
  { status: "rejected", label: "Rejected" },
  { status: "execution_failed", label: "Failed" },
  { status: "escalated", label: "Escalated" },
];

export function Council() {
  const { wallet } = useWallet();
  return (
    <div className="grid">
      <Proposals />
      {wallet ? (
        <>
          <Propose />
          <Delegate address={wallet.address} />
        </>
      ) : (
        <NeedsWallet what="vote, propose and delegate" />
      )}
    </div>
  );
}

function useCouncils() {
  const node = useNode();
  return useChain(["councils"], () => node.council.listCouncils({ limit: 30 }).then((r) => r.councils));
}

/** The council a form acts in, chosen among the node's councils. */
function CouncilSelect({ councils, value, onChange, testId }: { councils: CouncilResponse[]; value: string; onChange: (id: string) => void; testId: string }) {
  return (
    <label>
      Council
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {councils.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Proposals() {
  const node = useNode();
  const [status, setStatus] = useState<ProposalStatus>("open");
  // Newest first: the contract lists by id, ascending; a council keeps few open at once.
  const list = useChain(["proposals", status], () => node.council.listProposals({ status, limit: 100 }).then((r) => r.proposals.reverse()));
  const councils = useCouncils();
  // One status for the list: closing or executing moves a proposal to another tab.
  const tx = useTx();
  return (
    <section className="card wide" aria-labelledby="proposals-title">
      <h2 id="proposals-title">Proposals</h2>
      <div role="tablist" aria-label="Proposals by status" className="tabs">
        {STATUSES.map((s) => (
          <button
            key={s.status}
            type="button"
            role="tab"
            aria-selected={s.status === status}
            onClick={() => setStatus(s.status)}
            data-testid={`status-${s.status}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <TxStatus state={tx.state} testId="proposal-tx" />
      <ul className="list" data-testid="proposals" role="tabpanel">
        {list.data?.length === 0 && <li>None.</li>}
        {list.data?.map((p) => <Proposal key={p.id} proposal={p} councils={councils.data ?? []} tx={tx} />)}
      </ul>
    </section>
  );
}

function options(proposal: ProposalResponse): { label: string; option: VoteOption }[] {
  const base =
    "yes_no" in proposal.choices
      ? [
          { label: "Yes", option: "yes" as VoteOption },
          { label: "No", option: "no" as VoteOption },
        ]
      : proposal.choices.multiple.options.map((label, index) => ({ label, option: { choice: { index } } as VoteOption }));
  return [...base, { label: "Abstain", option: "abstain" }];
}

function chamberName(body: ProposalResponse["chambers"][number]["body"], councils: CouncilResponse[]): string {
  if ("council" in body) return councils.find((c) => c.id === body.council.council_id)?.name ?? `council ${body.council.council_id}`;
  return `panel ${body.panel.panel_id}`;
}

function Proposal({ proposal, councils, tx }: { proposal: ProposalResponse; councils: CouncilResponse[]; tx: ReturnType<typeof useTx> }) {
  const node = useNode();
  const { wallet } = useWallet();
  const address = wallet?.address;
  const ballot = useChain(["ballot", proposal.id, address], () => node.council.vote({ proposalId: proposal.id, voter: address! }), !!address);
  const opts = options(proposal);
  const mine = ballot.data?.ballot?.option;
  const mineLabel = mine !== undefined ? opts.find((o) => JSON.stringify(o.option) === JSON.stringify(mine))?.label : undefined;
  const open = proposal.status === "open";
  const canRevote = proposal.chambers.every((c) => c.rules.allow_revoting);
  const showVote = !!wallet && open && !proposal.expired && (mine === undefined || canRevote);
  const now = Date.now();
  const closable = open && (proposal.expired || proposal.effective_status !== "open") && nanosToDate(proposal.earliest_close).getTime() <= now;
  return (
    <li data-testid={`proposal-${proposal.id}`} data-status={proposal.status} data-effective={proposal.effective_status}>
      <h3>
        #{proposal.id} {proposal.title}
      </h3>
      <p className="muted">
        {proposal.topic} · by <code>{proposal.proposer}</code> · {proposal.msgs.length} message(s)
      </p>
      {proposal.description !== proposal.title && <p>{proposal.description}</p>}
      <dl className="deadlines">
        {open && (
          <>
            <dt>Voting closes</dt>
            <dd data-testid="expires">{nanosToDate(proposal.expires).toLocaleString()}</dd>
          </>
        )}
        {(proposal.status === "passed" || open) && (
          <>
            <dt>Execute by</dt>
            <dd>{nanosToDate(proposal.execute_by).toLocaleString()}</dd>
          </>
        )}
        <dt>Standing</dt>
        <dd data-testid="effective">{proposal.effective_status.replace("_", " ")}</dd>
      </dl>
      {proposal.chambers.map((chamber, i) => {
        const total = chamber.tally.reduce((a, b) => a + b, 0);
        return (
          <div key={i} className="chamber" data-testid="tally" data-tally={chamber.tally.join(",")}>
            <p>
              {chamberName(chamber.body, councils)}: {total} of {chamber.electorate} voted
            </p>
            {chamber.tally.map((n, k) => (
              <div key={k} className="bar-row">
                <span>{opts[k]?.label ?? `#${k}`}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${chamber.electorate ? (100 * n) / chamber.electorate : 0}%` }} />
                </span>
                <span className="num">{n}</span>
              </div>
            ))}
          </div>
        );
      })}
      {proposal.execution_error && <p className="error">Execution failed: {proposal.execution_error}</p>}
      {mineLabel && <p data-testid="my-vote">You voted: {mineLabel}</p>}
      <div className="row">
        {showVote &&
          opts.map(({ label, option }) => (
            <button
              key={label}
              type="button"
              disabled={tx.busy}
              data-testid={`vote-${label.toLowerCase()}`}
              onClick={() => void tx.run(`Vote ${label} on #${proposal.id}`, () => wallet!.council.vote({ proposalId: proposal.id, option }))}
            >
              {mine !== undefined ? `Change to ${label}` : label}
            </button>
          ))}
        {wallet && closable && (
          <button type="button" disabled={tx.busy} data-testid="close" onClick={() => void tx.run(`Close #${proposal.id}`, () => wallet.council.close({ proposalId: proposal.id }))}>
            Close the vote
          </button>
        )}
        {wallet && proposal.status === "passed" && (
          <button type="button" disabled={tx.busy} data-testid="execute" onClick={() => void tx.run(`Execute #${proposal.id}`, () => wallet.council.execute({ proposalId: proposal.id }))}>
            Execute
          </button>
        )}
      </div>
    </li>
  );
}

function Propose() {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const councils = useCouncils();
  const [kind, setKind] = useState<Kind>("text");
  const [councilId, setCouncilId] = useState(String(node.config.councilId));
  const [f, setF] = useState<Record<string, string>>({ topic: "governance", rate: "0.01", period: "86400", rooms: "2", zone: "", stepFree: "no", treatyKind: "resource_sharing", migrateMsg: "{}", raw: "[]" });
  const [problem, setProblem] = useState<string | null>(null);
  const field = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={f[name] ?? ""} onChange={(e) => setF({ ...f, [name]: e.target.value })} data-testid={`propose-${name}`} {...props} />
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    let msgs: CosmosMsgForEmpty[];
    try {
      msgs = buildMessages(kind, f, node.config.contracts);
    } catch (e) {
      return setProblem((e as Error).message);
    }
    const title = (f.title ?? "").trim();
    void tx.run("Proposal", () =>
      wallet!.council.propose({
        chambers: [{ council: { council_id: Number(councilId) } }],
        title,
        topic: (f.topic ?? "").trim(),
        description: (f.description ?? "").trim() || title,
        choices: { yes_no: {} },
        msgs,
      }),
    );
  };
  const id = tx.state.phase === "included" ? wasmAttribute(tx.state.result, "proposal_id") : undefined;
  return (
    <section className="card" aria-labelledby="propose-title">
      <h2 id="propose-title">Propose</h2>
      <form onSubmit={submit} data-testid="propose-form">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="propose-kind">
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <CouncilSelect councils={councils.data ?? []} value={councilId} onChange={setCouncilId} testId="propose-council" />
        {field("title", "Title", { required: true })}
        {field("topic", "Topic (delegations follow it)", { required: true })}
        <label>
          Description
          <textarea value={f.description ?? ""} onChange={(e) => setF({ ...f, description: e.target.value })} rows={2} data-testid="propose-description" />
        </label>
        {kind === "demurrage" && (
          <>
            {field("rate", "Decay per period, in percent", { inputMode: "decimal" })}
            {field("period", "Period, in seconds", { inputMode: "numeric" })}
          </>
        )}
        {kind === "home" && (
          <>
            {field("zone", "Zone")}
            {field("rooms", "Rooms", { inputMode: "numeric" })}
            <label className="inline">
              <input type="checkbox" checked={f.stepFree === "yes"} onChange={(e) => setF({ ...f, stepFree: e.target.checked ? "yes" : "no" })} data-testid="propose-stepFree" />
              Step-free
            </label>
          </>
        )}
        {kind === "admit" && field("applicant", "Applicant's address")}
        {(kind === "treaty" || kind === "ratify") && <TreatyFields kind={kind} f={f} setF={setF} field={field} />}
        {kind === "upgrade" && (
          <>
            <label>
              Contract
              <select value={f.contract ?? ""} onChange={(e) => setF({ ...f, contract: e.target.value })} data-testid="propose-contract">
                <option value="">choose…</option>
                {Object.entries(node.config.contracts).map(([role, addr]) => addr && (
                  <option key={role} value={addr}>
                    {role}
                  </option>
                ))}
              </select>
            </label>
            {field("codeId", "New code id", { inputMode: "numeric" })}
            {field("migrateMsg", "Migrate message (JSON)")}
          </>
        )}
        {kind === "raw" && (
          <label>
            Messages (a JSON array of CosmosMsg; wasm messages carry base64 JSON)
            <textarea value={f.raw} onChange={(e) => setF({ ...f, raw: e.target.value })} rows={5} data-testid="propose-raw" spellCheck={false} />
          </label>
        )}
        <button type="submit" disabled={tx.busy} data-testid="propose-submit">
          Propose
        </button>
      </form>
      {problem && (
        <p role="alert" className="error" data-testid="propose-problem">
          {problem}
        </p>
      )}
      <TxStatus state={tx.state} testId="propose-tx" />
      {id && <p data-testid="proposed-id" data-id={id}>Proposal #{id} is open.</p>}
    </section>
  );
}

function Delegate({ address }: { address: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const tx = useTx();
  const councils = useCouncils();
  const [councilId, setCouncilId] = useState(String(node.config.councilId));
  const [topic, setTopic] = useState("governance");
  const [delegate, setDelegate] = useState("");
  const mine = useChain(["delegations", address], () => node.council.listDelegations({ member: address, limit: 30 }).then((r) => r.delegations));
  // Who gives me their vote, per council and topic (the council's `incoming` index).
  const givers = useChain(["delegators", address], () => node.council.listDelegators({ delegate: address, limit: 30 }).then((r) => r.delegators));
  const toMe = useChain(["delegated-to", address, councilId, topic], () =>
    node.council.delegation({ councilId: Number(councilId), member: address, topic }),
  );
  // Where each of my delegations leads: the delegate's own delegation of the topic, and so on.
  const chains = useChain(["delegation-chains", address, mine.data], async () => {
    const result: Record<string, string[]> = {};
    for (const d of mine.data ?? []) {
      const path = [d.delegate];
      for (let i = 0; i < 8; i++) {
        const next = await node.council.delegation({ councilId: d.council_id, member: path[path.length - 1], topic: d.topic });
        if (!next.delegate || path.includes(next.delegate)) break;
        path.push(next.delegate);
      }
      result[`${d.council_id}/${d.topic}`] = path;
    }
    return result;
  }, !!mine.data);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void tx.run("Delegation", () => wallet!.council.delegate({ councilId: Number(councilId), topic: topic.trim(), delegate: delegate.trim() }));
  };
  return (
    <section className="card" aria-labelledby="delegate-title">
      <h2 id="delegate-title">Delegate</h2>
      <p className="muted">Your delegate votes for you on a topic until you vote yourself.</p>
      <form onSubmit={submit} data-testid="delegate-form">
        <CouncilSelect councils={councils.data ?? []} value={councilId} onChange={setCouncilId} testId="delegate-council" />
        <label>
          Topic
          <input value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="delegate-topic" />
        </label>
        <label>
          Delegate's address
          <input value={delegate} onChange={(e) => setDelegate(e.target.value)} data-testid="delegate-to" spellCheck={false} />
        </label>
        <button type="submit" disabled={tx.busy} data-testid="delegate-submit">
          Delegate
        </button>
      </form>
      <TxStatus state={tx.state} testId="delegate-tx" />
      {toMe.data && (
        <p data-testid="delegated-to-me" data-count={toMe.data.delegated_to_member}>
          {toMe.data.delegated_to_member} member(s) delegate “{topic}” to you here.
        </p>
      )}
      <h3>Who delegates to me</h3>
      {givers.data?.length === 0 && <p>Nobody gives you their vote.</p>}
      <ul className="list" data-testid="delegators">
        {givers.data?.map((g) => (
          <li key={`${g.council_id}/${g.delegator}`} data-testid="delegator" data-delegator={g.delegator} data-topics={g.topics.join(" ")}>
            <code>{g.delegator}</code> on {g.topics.map((t) => `“${t}”`).join(", ")} in {councils.data?.find((c) => c.id === g.council_id)?.name ?? `council ${g.council_id}`}
          </li>
        ))}
      </ul>
      <h3>My delegations</h3>
      {mine.data?.length === 0 && <p>None: you vote for yourself on every topic.</p>}
      <ul className="list">
        {mine.data?.map((d) => (
          <li key={`${d.council_id}/${d.topic}`} data-testid="delegation" data-topic={d.topic} data-delegate={d.delegate}>
            <p>
              “{d.topic}” in {councils.data?.find((c) => c.id === d.council_id)?.name ?? `council ${d.council_id}`}:
            </p>
            <p className="chain" data-testid="delegation-chain">
              you → {(chains.data?.[`${d.council_id}/${d.topic}`] ?? [d.delegate]).map((a) => <code key={a}>{a}</code>).reduce<ReactNode[]>((acc, el, i) => (i ? [...acc, " → ", el] : [el]), [])}
            </p>
            <button type="button" disabled={tx.busy} onClick={() => void tx.run("Undelegation", () => wallet!.council.undelegate({ councilId: d.council_id, topic: d.topic }))} data-testid="undelegate">
              Vote myself again
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A treaty's fields: proposing one names the channel to the other node (the relay's open channels,
 * or typed when there is none yet), its kind, title and terms; ratifying names a treaty the other
 * node proposed that waits for this council.
 */
function TreatyFields({ kind, f, setF, field }: { kind: "treaty" | "ratify"; f: Record<string, string>; setF: (f: Record<string, string>) => void; field: (name: string, label: string, props?: Record<string, unknown>) => ReactNode }) {
  const node = useNode();
  const relayAddress = node.config.contracts.relay;
  const relay = relayAddress ? new IbcRelayQueryClient(queriesThrough(node.reader), relayAddress) : null;
  const channels = useChain(["relay-channels"], () => relay!.listChannels({ limit: 30 }).then((r) => r.channels.filter((c) => c.open)), !!relay);
  const waiting = useChain(["treaties-to-ratify"], () => relay!.listTreaties({ limit: 30 }).then((r) => r.treaties.filter((t) => !t.proposed_here && t.status === "awaiting_ratification")), !!relay);
  if (!relay) return <p className="error">This node has no relay contract: treaties travel through it.</p>;
  if (kind === "ratify")
    return waiting.data?.length ? (
      <label>
        Treaty
        <select value={f.treatyId ?? ""} onChange={(e) => setF({ ...f, treatyId: e.target.value })} data-testid="propose-treatyId">
          <option value="">choose…</option>
          {waiting.data.map((t) => (
            <option key={t.id} value={t.id}>
              #{t.id} {t.title} ({t.kind.replace(/_/g, " ")}, from {t.node})
            </option>
          ))}
        </select>
      </label>
    ) : (
      <>
        <p className="muted">No treaty from another node waits for this council's ratification now.</p>
        {field("treatyId", "Treaty id", { inputMode: "numeric" })}
      </>
    );
  return (
    <>
      {channels.data?.length ? (
        <label>
          To the node on channel
          <select value={f.channel ?? ""} onChange={(e) => setF({ ...f, channel: e.target.value })} data-testid="propose-channel">
            <option value="">choose…</option>
            {channels.data.map((c) => (
              <option key={c.channel_id} value={c.channel_id}>
                {c.node} ({c.channel_id})
              </option>
            ))}
          </select>
        </label>
      ) : (
        field("channel", "Channel to the other node (none is open yet)", { spellCheck: false })
      )}
      <label>
        Kind of treaty
        <select value={f.treatyKind} onChange={(e) => setF({ ...f, treatyKind: e.target.value })} data-testid="propose-treatyKind">
          {TREATY_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {field("treatyTitle", "Treaty title (default: the proposal's)")}
      <label>
        Terms
        <textarea value={f.terms ?? ""} onChange={(e) => setF({ ...f, terms: e.target.value })} rows={4} data-testid="propose-terms" />
      </label>
    </>
  );
}
