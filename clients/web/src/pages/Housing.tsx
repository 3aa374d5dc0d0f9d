// Housing: apply with household size and needs; while waiting, why (the registry's own score for
// each home and who is ahead in the queue); my home, its fees and arrears, paying them, and giving
// the home back; the node's guest homes.
import type { Accessibility, HomeResponse } from "@dac/contracts-client/HousingRegistry.types";
import { useState, type FormEvent } from "react";
import { nanosToDate, parseAmount } from "../amounts";
import { NeedsWallet } from "../App";
import { useNode, useWallet } from "../node";
import { useChain } from "../query";
import { TxStatus, useTx } from "../tx";

const NEEDS: { need: Accessibility; label: string }[] = [
  { need: "step_free", label: "Step-free access" },
  { need: "wheelchair", label: "Wheelchair" },
  { need: "elevator", label: "Elevator" },
  { need: "ground_floor", label: "Ground floor" },
  { need: "visual_aids", label: "Visual aids" },
  { need: "hearing_aids", label: "Hearing aids" },
];

export function Housing() {
  const node = useNode();
  const { wallet } = useWallet();
  const address = wallet?.address ?? "";
  // One status for the page: applying, being housed and giving a home back change which card shows.
  const tx = useTx();
  const homeOf = useChain(["home-of", address], () => node.housing.homeOf({ holder: address }), !!wallet);
  const application = useChain(["housing-application", address], () => node.housing.application({ applicant: address }).catch(() => null), !!wallet);
  const homes = useChain(["homes-all"], () => node.housing.listHomes({ limit: 100 }).then((r) => r.homes));
  if (!wallet) return <NeedsWallet what="apply for a home or manage yours" />;
  const homeId = homeOf.data?.home_id;
  return (
    <div className="grid">
      <div className="card wide">
        <TxStatus state={tx.state} testId="housing-tx" />
      </div>
      {homeId != null ? (
        <MyHome homeId={homeId} address={address} tx={tx} />
      ) : application.data ? (
        <Waiting address={address} homes={homes.data ?? []} queuePosition={application.data.queue_position} tx={tx} />
      ) : (
        homeOf.data && application.isFetched && <Apply tx={tx} />
      )}
      <GuestHomes homes={homes.data ?? []} />
    </div>
  );
}

type Tx = ReturnType<typeof useTx>;

function Apply({ tx }: { tx: Tx }) {
  const { wallet } = useWallet();
  const [size, setSize] = useState("1");
  const [needs, setNeeds] = useState<Accessibility[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void tx.run("Application for a home", () => wallet!.housing.apply({ householdSize: Number(size), needs }));
  };
  return (
    <section className="card" aria-labelledby="apply-title" data-testid="housing-apply">
      <h2 id="apply-title">Apply for a home</h2>
      <p className="muted">Homes are allocated by a published rule: need first, then how long you have waited.</p>
      <form onSubmit={submit}>
        <label>
          People in the household
          <input type="number" min={1} max={20} value={size} onChange={(e) => setSize(e.target.value)} data-testid="housing-size" />
        </label>
        <fieldset>
          <legend>Needs</legend>
          {NEEDS.map(({ need, label }) => (
            <label key={need} className="inline">
              <input
                type="checkbox"
                checked={needs.includes(need)}
                onChange={(e) => setNeeds(e.target.checked ? [...needs, need] : needs.filter((n) => n !== need))}
                data-testid={`housing-need-${need}`}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={tx.busy} data-testid="housing-apply-submit">
          Apply
        </button>
      </form>
    </section>
  );
}

function Waiting({ address, homes, queuePosition, tx }: { address: string; homes: HomeResponse[]; queuePosition: number; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const available = homes.filter((h) => h.status === "available");
  const queue = useChain(["housing-applications"], () => node.housing.listApplications({ limit: 100 }).then((r) => r.applications));
  const scores = useChain(["scores", address, available.map((h) => h.home_id).join(",")], () =>
    Promise.all(available.map((h) => node.housing.score({ applicant: address, homeId: h.home_id }))),
  );
  const ahead = queue.data?.filter((a) => a.queue_position < queuePosition).length;
  return (
    <section className="card wide" aria-labelledby="waiting-title" data-testid="housing-waiting">
      <h2 id="waiting-title">Waiting for a home</h2>
      <p data-testid="housing-ahead" data-count={ahead}>
        {ahead === undefined ? "…" : ahead === 0 ? "No one is ahead of you in the queue." : `${ahead} household(s) applied before you.`}
      </p>
      <h3>Why you wait: the registry's score for each vacant home</h3>
      {available.length === 0 && <p>No home is vacant now: you keep your place until one is.</p>}
      {scores.data && scores.data.length > 0 && (
        <table data-testid="housing-scores">
          <thead>
            <tr>
              <th scope="col">Home</th>
              <th scope="col">Fits you?</th>
              <th scope="col">Need points</th>
              <th scope="col">Waiting points</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {scores.data.map((s) => {
              const home = available.find((h) => h.home_id === s.home_id)!;
              return (
                <tr key={s.home_id} data-testid="housing-score" data-home={s.home_id} data-total={s.total} data-eligible={String(s.eligible)}>
                  <td>
                    #{s.home_id} {home.zone}, {home.rooms} room(s)
                  </td>
                  <td>{s.eligible ? "yes" : s.reason ?? "no"}</td>
                  <td className="num">{s.fit_points}</td>
                  <td className="num">
                    {s.waiting_points} ({s.waiting_days} days)
                  </td>
                  <td className="num">{s.total}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" disabled={tx.busy} onClick={() => void tx.run("Allocation round", () => wallet!.housing.allocateRound({ limit: 10 }))} data-testid="housing-allocate">
          Run an allocation round now
        </button>
        <button type="button" className="danger" disabled={tx.busy} onClick={() => void tx.run("Withdrawal", () => wallet!.housing.withdrawApplication())} data-testid="housing-withdraw">
          Withdraw my application
        </button>
      </div>
    </section>
  );
}

function MyHome({ homeId, address, tx }: { homeId: number; address: string; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const home = useChain(["home", homeId], () => node.housing.home({ homeId }));
  const fees = useChain(["arrears", address], () => node.housing.arrears({ address }));
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sure, setSure] = useState(false);
  const pay = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const parsed = parseAmount(amount, node.tokenInfo.decimals);
    if ("error" in parsed) return setProblem(parsed.error);
    const msg = btoa(JSON.stringify({ pay_fees: {} }));
    void tx.run("Fee payment", () => wallet!.token.send({ contract: node.config.contracts.housing, amount: parsed.units.toString(), msg }));
  };
  const h = home.data;
  return (
    <section className="card wide" aria-labelledby="home-title" data-testid="housing-home" data-home-id={homeId}>
      <h2 id="home-title">My home: #{homeId}</h2>
      {h && (
        <p>
          {h.zone}, {h.rooms} room(s){h.accessibility.length > 0 && `, ${h.accessibility.join(", ").replace(/_/g, " ")}`}
          {h.held_since && <> · yours since {nanosToDate(h.held_since).toLocaleDateString()}</>}
        </p>
      )}
      <p className="muted">It cannot be taken from you while you are a member; unpaid fees never evict.</p>
      {fees.data && (
        <dl className="facts" data-testid="housing-fees" data-arrears={fees.data.arrears} data-paid={fees.data.paid_total} data-credit={fees.data.credit}>
          <dt>Fee per period</dt>
          <dd>{node.amount(fees.data.fee_per_period)}</dd>
          <dt>Arrears</dt>
          <dd>{node.amount(fees.data.arrears)}</dd>
          <dt>Credit</dt>
          <dd>{node.amount(fees.data.credit)}</dd>
          <dt>Paid in all</dt>
          <dd>{node.amount(fees.data.paid_total)}</dd>
        </dl>
      )}
      <form onSubmit={pay} className="row">
        <label>
          Pay fees ({node.tokenInfo.symbol})
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" data-testid="housing-pay-amount" />
        </label>
        <button type="submit" disabled={tx.busy} data-testid="housing-pay">
          Pay
        </button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <h3>Give the home back</h3>
      <label className="inline">
        <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} data-testid="housing-relinquish-sure" />I am moving out of home #{homeId}
      </label>
      <button type="button" className="danger" disabled={!sure || tx.busy} onClick={() => void tx.run("Relinquishing the home", () => wallet!.housing.relinquish({ homeId }))} data-testid="housing-relinquish">
        Relinquish
      </button>
    </section>
  );
}

function GuestHomes({ homes }: { homes: HomeResponse[] }) {
  const guest = homes.filter((h) => h.status === "guest");
  return (
    <section className="card" aria-labelledby="guest-title">
      <h2 id="guest-title">Guest homes</h2>
      {guest.length === 0 ? (
        <p>This node has no guest homes yet.</p>
      ) : (
        <ul className="list">
          {guest.map((h) => (
            <li key={h.home_id}>
              #{h.home_id} {h.zone}, {h.rooms} room(s) · {h.open_bookings} booking(s)
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
