// The node at a glance, for anyone (no wallet): members, the commons pool and the income it paid,
// homes and the waiting list, proposals, treaties and trade. Charts where a picture reads faster.
import { IbcRelayQueryClient } from "@dac/contracts-client/IbcRelay.client";
import type { TradeStatus } from "@dac/contracts-client/IbcRelay.types";
import type { ProposalStatus } from "@dac/contracts-client/Council.types";
import type { ApplicationResponse, HomeResponse } from "@dac/contracts-client/HousingRegistry.types";
import { duration, percent } from "../amounts";
import { queriesThrough } from "../codegen-adapter";
import { useNode } from "../node";
import { readAll, useChain } from "../query";

const PROPOSAL_STATUSES: ProposalStatus[] = ["open", "passed", "executed", "rejected", "execution_failed", "escalated"];
const TRADE_STATUSES: TradeStatus[] = ["proposed", "offered", "accepted", "shipping", "delivered", "paid", "failed"];

export function Dashboard() {
  const node = useNode();
  const relay = node.config.contracts.relay ? new IbcRelayQueryClient(queriesThrough(node.reader), node.config.contracts.relay) : undefined;
  const pool = useChain(["commons-pool"], () => node.token.commonsPool());
  const members = useChain(["members-all"], () => readAll<{ addr: string; weight: number }, string>((s) => node.council.listMembers({ limit: 30, startAfter: s }).then((r) => r.members), (m) => m.addr));
  const homes = useChain(["homes-all"], () => readAll<HomeResponse, number>((s) => node.housing.listHomes({ limit: 30, startAfter: s }).then((r) => r.homes), (h) => h.home_id));
  const waiting = useChain(["housing-applications"], () =>
    readAll<ApplicationResponse, number>((s) => node.housing.listApplications({ limit: 30, startAfter: s }).then((r) => r.applications), (a) => a.queue_position),
  );
  const proposals = useChain(["proposal-counts"], () =>
    Promise.all(PROPOSAL_STATUSES.map(async (status) => ({ status, count: (await node.council.listProposals({ status, limit: 100 })).proposals.length }))),
  );
  const treaties = useChain(["treaties"], () => relay!.listTreaties({ limit: 30 }).then((r) => r.treaties), !!relay);
  const trades = useChain(["trade-counts"], () =>
    Promise.all(TRADE_STATUSES.map(async (status) => ({ status, count: (await relay!.tradesByStatus({ status, limit: 100 })).trades.length }))),
  !!relay);
  const demurrage = useChain(["demurrage"], () => node.token.demurrage());

  const homeCounts = ["occupied", "available", "under_repair", "guest"].map((status) => ({
    status,
    count: homes.data?.filter((h) => h.status === status).length ?? 0,
  }));
  const supply = pool.data ? BigInt(pool.data.total_supply) : 0n;
  return (
    <div className="grid">
      <section className="card" aria-labelledby="people-title">
        <h2 id="people-title">People</h2>
        <p className="big" data-testid="members" data-count={members.data?.length}>
          {members.data?.length ?? "…"} members
        </p>
        <p className="muted">{pool.data?.members ?? "…"} receive basic income.</p>
      </section>
      <section className="card" aria-labelledby="money-title">
        <h2 id="money-title">Money</h2>
        <dl className="facts">
          <dt>Commons pool</dt>
          <dd data-testid="pool" data-amount={pool.data?.pool}>{pool.data ? node.amount(pool.data.pool) : "…"}</dd>
          <dt>Basic income paid, ever</dt>
          <dd data-testid="income-paid" data-amount={pool.data?.income_paid_total}>{pool.data ? node.amount(pool.data.income_paid_total) : "…"}</dd>
          <dt>Owed to members, unclaimed</dt>
          <dd>{pool.data ? node.amount(pool.data.owed_to_members) : "…"}</dd>
          <dt>Total supply (never grows)</dt>
          <dd>{pool.data ? node.amount(pool.data.total_supply) : "…"}</dd>
          {demurrage.data && (
            <>
              <dt>Demurrage</dt>
              <dd>
                {percent(demurrage.data.rate)} every {duration(demurrage.data.period_seconds)}
              </dd>
            </>
          )}
        </dl>
        {pool.data && supply > 0n && (
          <Bars
            label="Where the supply is"
            rows={[
              { label: "held by accounts", value: Number(BigInt(pool.data.stored_balances)) },
              { label: "commons pool", value: Number(BigInt(pool.data.pool)) },
            ]}
            format={(v) => node.amount(BigInt(Math.round(v)))}
          />
        )}
      </section>
      <section className="card" aria-labelledby="homes-title">
        <h2 id="homes-title">Homes</h2>
        <p className="big" data-testid="homes" data-count={homes.data?.length}>
          {homes.data?.length ?? "…"} homes
        </p>
        <p data-testid="waiting" data-count={waiting.data?.length}>
          {waiting.data?.length ?? "…"} household(s) waiting for a home
        </p>
        <Bars label="Homes by status" rows={homeCounts.map((h) => ({ label: h.status.replace("_", " "), value: h.count }))} />
      </section>
      <section className="card" aria-labelledby="proposals-title">
        <h2 id="proposals-title">Proposals</h2>
        {proposals.data && (
          <Bars
            label="Proposals by status"
            testId="proposal-counts"
            rows={proposals.data.map((p) => ({ label: p.status.replace("_", " "), value: p.count }))}
          />
        )}
      </section>
      {relay && (
        <section className="card" aria-labelledby="abroad-title">
          <h2 id="abroad-title">Treaties and trade</h2>
          <p data-testid="treaties" data-count={treaties.data?.length}>
            {treaties.data?.filter((t) => t.status === "ratified").length ?? "…"} treaties in force, {treaties.data?.length ?? "…"} in all
          </p>
          {trades.data && <Bars label="Trade by status" rows={trades.data.map((t) => ({ label: t.status, value: t.count }))} />}
        </section>
      )}
    </div>
  );
}

/** A horizontal bar chart, readable by screen readers as a table. */
function Bars({ label, rows, format = String, testId }: { label: string; rows: { label: string; value: number }[]; format?: (v: number) => string; testId?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="bars" data-testid={testId}>
      <caption>{label}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} data-label={r.label} data-value={r.value}>
            <th scope="row">{r.label}</th>
            <td>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${(100 * r.value) / max}%` }} />
              </span>
            </td>
            <td className="num">{format(r.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
