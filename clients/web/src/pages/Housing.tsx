// Housing: apply with household size and needs; while waiting, why (the registry's own score for
// each home and who is ahead in the queue); my home, its fees and arrears, paying them, swapping
// it with another holder by mutual consent, and giving it back; the node's guest homes with their
// price and booked nights, booking nights, and my bookings with what cancelling would refund.
import type { Accessibility, BookingResponse, HomeResponse, SwapResponse } from "@dac/contracts-client/HousingRegistry.types";
import { useState, type FormEvent } from "react";
import { nanosToDate, parseAmount, percent } from "../amounts";
import { NeedsWallet } from "../App";
import { bookingIdsIn, dayOf, isoOf, nights, today } from "../guests";
import { useNode, useWallet, type Node } from "../node";
import { readAll, useChain } from "../query";
import { TxStatus, useTx, wasmAttribute } from "../tx";

const toBase64 = (value: object) => btoa(JSON.stringify(value));

/** Every home of the registry, page after page. */
export function allHomes(node: Node): Promise<HomeResponse[]> {
  return readAll((startAfter?: number) => node.housing.listHomes({ startAfter, limit: 30 }).then((r) => r.homes), (h) => h.home_id);
}

const homeLabel = (h: HomeResponse) => `#${h.home_id} ${h.zone}, ${h.rooms} room(s)`;

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
  const homes = useChain(["homes-all"], () => allHomes(node));
  if (!wallet) return <NeedsWallet what="apply for a home or manage yours" />;
  const homeId = homeOf.data?.home_id;
  return (
    <div className="grid">
      <div className="card wide">
        <TxStatus state={tx.state} testId="housing-tx" />
      </div>
      {homeId != null ? (
        <>
          <MyHome homeId={homeId} address={address} tx={tx} />
          <Swaps homeId={homeId} address={address} homes={homes.data ?? []} tx={tx} />
        </>
      ) : application.data ? (
        <Waiting address={address} homes={homes.data ?? []} queuePosition={application.data.queue_position} tx={tx} />
      ) : (
        homeOf.data && application.isFetched && <Apply tx={tx} />
      )}
      <GuestHomes homes={homes.data ?? []} tx={tx} />
      <MyBookings address={address} tx={tx} />
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
  const queue = useChain(["housing-applications"], () =>
    readAll((startAfter?: number) => node.housing.listApplications({ startAfter, limit: 30 }).then((r) => r.applications), (a) => a.queue_position),
  );
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

/**
 * Swapping homes by mutual consent: I offer mine for another holder's, see the offers made to me
 * (the registry keeps one offer per home and has no "offers to me" query, so the page asks for each
 * occupied home's), accept one, or withdraw my own.
 */
function Swaps({ homeId, address, homes, tx }: { homeId: number; address: string; homes: HomeResponse[]; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const others = homes.filter((h) => h.status === "occupied" && h.home_id !== homeId && h.holder !== address);
  const [withHome, setWithHome] = useState("");
  const mine = useChain(["swap", homeId], () => node.housing.swap({ homeId }));
  const toMe = useChain(["swaps-to", homeId, others.map((h) => h.home_id).join(",")], async () => {
    const offers = await Promise.all(others.map((h) => node.housing.swap({ homeId: h.home_id })));
    // An offer from a home whose holder changed since is void: the registry would refuse it.
    return offers.filter((s): s is SwapResponse => !!s && s.with_home_id === homeId && s.counterpart === address && others.some((h) => h.home_id === s.home_id && h.holder === s.proposer));
  });
  const offer = (event: FormEvent) => {
    event.preventDefault();
    const target = Number(withHome);
    if (!target) return;
    void tx.run(`Swap offer for home #${target}`, () => wallet!.housing.proposeSwap({ homeId, withHomeId: target }));
  };
  const offered = mine.data ? homes.find((h) => h.home_id === mine.data!.with_home_id) : undefined;
  return (
    <section className="card" aria-labelledby="swaps-title" data-testid="housing-swaps">
      <h2 id="swaps-title">Swap homes</h2>
      <p className="muted">Two holders may exchange homes when both agree; fees follow the new homes from the swap on.</p>
      <h3>Offers to me</h3>
      {toMe.data?.length === 0 && <p>None.</p>}
      <ul className="list">
        {toMe.data?.map((s) => {
          const theirs = homes.find((h) => h.home_id === s.home_id);
          return (
            <li key={s.home_id} data-testid="swap-offer" data-from={s.home_id}>
              <p>
                The holder of {theirs ? homeLabel(theirs) : `#${s.home_id}`}, <code>{s.proposer}</code>, offers it for yours.
              </p>
              <button type="button" disabled={tx.busy} onClick={() => void tx.run(`Swap with home #${s.home_id}`, () => wallet!.housing.acceptSwap({ homeId, withHomeId: s.home_id }))} data-testid="swap-accept">
                Accept: move to #{s.home_id}
              </button>
            </li>
          );
        })}
      </ul>
      <h3>My offer</h3>
      {mine.data ? (
        <div data-testid="swap-mine" data-with={mine.data.with_home_id}>
          <p>
            You offered your home for {offered ? homeLabel(offered) : `#${mine.data.with_home_id}`}; its holder has not accepted yet.
          </p>
          <button type="button" className="danger" disabled={tx.busy} onClick={() => void tx.run("Withdrawing the swap offer", () => wallet!.housing.cancelSwap({ homeId }))} data-testid="swap-withdraw">
            Withdraw my offer
          </button>
        </div>
      ) : others.length === 0 ? (
        <p>No other member holds a home to swap with.</p>
      ) : (
        <form onSubmit={offer} className="row">
          <label>
            Offer my home for
            <select value={withHome} onChange={(e) => setWithHome(e.target.value)} data-testid="swap-with" required>
              <option value="">choose a home…</option>
              {others.map((h) => (
                <option key={h.home_id} value={h.home_id}>
                  {homeLabel(h)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={tx.busy || !withHome} data-testid="swap-offer-submit">
            Offer the swap
          </button>
        </form>
      )}
    </section>
  );
}

/** The node's guest homes with their price and the nights already booked, and a booking form. */
function GuestHomes({ homes, tx }: { homes: HomeResponse[]; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const guest = homes.filter((h) => h.status === "guest");
  const config = useChain(["housing-config"], () => node.housing.config());
  const rules = config.data?.guest;
  // Bookings that may still cover a night from today on: none starts a whole stay before today.
  const from = today() - (rules?.max_stay_days ?? 30) - 1;
  const booked = useChain(
    ["guest-bookings", guest.map((h) => h.home_id).join(","), from],
    async () =>
      Object.fromEntries(
        await Promise.all(
          guest.map(async (h) => {
            const list = await readAll((startAfter?: number) => node.housing.listBookings({ homeId: h.home_id, startAfter: startAfter ?? from, limit: 30 }).then((r) => r.bookings), (b) => b.start_day);
            return [h.home_id, list.filter((b) => b.end_day > today())] as const;
          }),
        ),
      ) as Record<number, BookingResponse[]>,
    guest.length > 0,
  );
  const [homeId, setHomeId] = useState("");
  const [first, setFirst] = useState(() => isoOf(today() + 14));
  const [count, setCount] = useState("2");
  const [guestName, setGuestName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = guest.find((h) => String(h.home_id) === homeId) ?? guest[0];
  const n = Number(count);
  const price = rules ? BigInt(rules.price_per_day) : null;
  const book = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const start = dayOf(first);
    if (!chosen || !rules || price === null) return;
    if (start === null) return setProblem("Choose the first night as a date.");
    if (!Number.isInteger(n) || n < 1 || n > rules.max_stay_days) return setProblem(`A stay is 1 to ${rules.max_stay_days} nights.`);
    const msg = { book_guest: { home_id: chosen.home_id, guest: guestName.trim() || wallet!.address, start_day: start, end_day: start + n } };
    // The payment goes with the booking: a token send carrying it.
    void tx.run(`Booking of #${chosen.home_id}`, () => wallet!.token.send({ contract: node.config.contracts.housing, amount: (price * BigInt(n)).toString(), msg: toBase64(msg) }));
  };
  const bookingId = tx.state.phase === "included" && tx.state.label.startsWith("Booking of") ? wasmAttribute(tx.state.result, "booking_id") : undefined;
  return (
    <section className="card" aria-labelledby="guest-title" data-testid="guest-homes">
      <h2 id="guest-title">Guest homes</h2>
      {guest.length === 0 ? (
        <p>This node has no guest homes yet.</p>
      ) : (
        <>
          {rules && (
            <p data-testid="guest-price" data-amount={rules.price_per_day}>
              {node.amount(rules.price_per_day)} a night, paid when you book. Cancelling at least {rules.full_refund_notice_days} days ahead refunds all but{" "}
              {percent(rules.cancellation_fee ?? "0.1")}, later {percent(rules.late_refund_share)}, nothing once the stay began; stays of up to {rules.max_stay_days} nights,
              booked up to {rules.max_advance_days} days ahead.
            </p>
          )}
          <ul className="list">
            {guest.map((h) => (
              <li key={h.home_id} data-testid="guest-home" data-home={h.home_id} data-booked={booked.data?.[h.home_id]?.map((b) => `${b.start_day}-${b.end_day}`).join(" ")}>
                <p>{homeLabel(h)}</p>
                <p className="muted">
                  Booked:{" "}
                  {booked.data?.[h.home_id]?.length
                    ? booked.data[h.home_id].map((b) => nights(b.start_day, b.end_day)).join("; ")
                    : "no nights ahead"}
                </p>
              </li>
            ))}
          </ul>
          <h3>Book nights</h3>
          <form onSubmit={book}>
            <label>
              Guest home
              <select value={chosen ? String(chosen.home_id) : ""} onChange={(e) => setHomeId(e.target.value)} data-testid="book-home">
                {guest.map((h) => (
                  <option key={h.home_id} value={h.home_id}>
                    {homeLabel(h)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              First night
              <input type="date" value={first} onChange={(e) => setFirst(e.target.value)} data-testid="book-first" />
            </label>
            <label>
              Nights
              <input type="number" min={1} max={rules?.max_stay_days} value={count} onChange={(e) => setCount(e.target.value)} data-testid="book-nights" />
            </label>
            <label>
              Guest's name (default: you)
              <input value={guestName} onChange={(e) => setGuestName(e.target.value)} data-testid="book-guest" />
            </label>
            {price !== null && Number.isInteger(n) && n > 0 && <p data-testid="book-cost">Costs {node.amount(price * BigInt(n))}.</p>}
            <button type="submit" disabled={tx.busy || !rules} data-testid="book-submit">
              Book and pay
            </button>
          </form>
          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
          {bookingId && (
            <p data-testid="booked" data-id={bookingId}>
              Booking #{bookingId} is yours.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/**
 * My bookings (found in the chain's index), each as the registry has it now: cancelling before the
 * stay, releasing the payment to the node once it began.
 */
function MyBookings({ address, tx }: { address: string; tx: Tx }) {
  const node = useNode();
  const { wallet } = useWallet();
  const bookings = useChain(["my-bookings", address], async () => {
    const ids = bookingIdsIn(await node.reader.searchTx(`wasm.payer='${address}'`), node.config.contracts.housing, address);
    return Promise.all(
      ids.map(async (bookingId) => {
        const booking = await node.housing.booking({ bookingId });
        const cancellable = booking.status === "active" && today() < booking.start_day;
        const quote = cancellable ? await node.housing.refundQuote({ bookingId, asAdmin: false }).catch(() => null) : null;
        return { booking, quote };
      }),
    );
  });
  return (
    <section className="card" aria-labelledby="bookings-title" data-testid="my-bookings">
      <h2 id="bookings-title">My bookings</h2>
      {bookings.data?.length === 0 && <p>None yet.</p>}
      <ul className="list">
        {bookings.data?.map(({ booking: b, quote }) => (
          <li key={b.booking_id} data-testid={`booking-${b.booking_id}`} data-status={b.status}>
            <p>
              #{b.booking_id}: home #{b.home_id}, {nights(b.start_day, b.end_day)} · {b.status}
            </p>
            <p className="muted">
              Paid {node.amount(b.paid)}
              {b.status === "cancelled" && <> · refunded {node.amount(b.refunded)}</>}
              {b.guest !== address && <> · for {b.guest}</>}
            </p>
            {b.status === "completed" && <p data-testid="booking-released">The stay began; the payment went to the node.</p>}
            {b.status === "active" && today() >= b.start_day && (
              <>
                <p>The stay has begun: the payment can go to the node (anyone may send it).</p>
                <button type="button" disabled={tx.busy} onClick={() => void tx.run(`Releasing the payment of booking #${b.booking_id}`, () => wallet!.housing.releaseBookingPayment({ bookingId: b.booking_id }))} data-testid="booking-release">
                  Release the payment of booking #{b.booking_id}
                </button>
              </>
            )}
            {quote && (
              <>
                <p data-testid="booking-refund" data-amount={quote.refund}>
                  Cancelling now refunds {node.amount(quote.refund)}; {node.amount(quote.to_treasury)} goes to the node.
                </p>
                <button type="button" className="danger" disabled={tx.busy} onClick={() => void tx.run(`Cancelling booking #${b.booking_id}`, () => wallet!.housing.cancelBooking({ bookingId: b.booking_id }))} data-testid="booking-cancel">
                  Cancel booking #{b.booking_id}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
