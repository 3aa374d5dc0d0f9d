// Abroad: what a member has and does on other nodes through this node's IBC relay. Vouchers of
// other nodes' tokens I hold (and what they are worth there, when the node's RPC is published);
// sending tokens to someone on another node; bringing vouchers home; booking a guest home on
// another node with its vouchers, seeing those bookings and cancelling one; the treaties in force
// and the trades with their shipments.
import type { BookingResponse } from "@dac/contracts-client/HousingRegistry.types";
import type { ChannelInfo, ShipmentUpdate, Trade, TradeStatus } from "@dac/contracts-client/IbcRelay.types";
import { useState, type FormEvent } from "react";
import { cancellable, refundText, refundVouchers, visitorTag } from "../abroad";
import { nanosToDate, parseAmount } from "../amounts";
import { NeedsWallet } from "../App";
import { dayOf, isoOf, nights, today } from "../guests";
import { useNode, useWallet, type Node } from "../node";
import { bookingsAbroad, guestOffer, openPeer, voucherWorth, type PeerNode } from "../peers";
import { readAll, useChain } from "../query";
import { TxStatus, useTx, wasmAttribute } from "../tx";

const toBase64 = (value: object) => btoa(JSON.stringify(value));

/**
 * A relay issues 10^6 units per micro-token at par (its VIRTUAL_UNITS, against share-price
 * inflation): the page counts vouchers with that many more decimals than the token's, so one
 * voucher is worth about one token when it is issued.
 */
const UNITS_PER_MICRO_DECIMALS = 6;
const voucherDecimals = (node: Node, peer: PeerNode | null | undefined) => (peer?.tokenInfo.decimals ?? node.tokenInfo.decimals) + UNITS_PER_MICRO_DECIMALS;

/** The page's view of another node: its open channel here and, when published, its own RPC. */
function usePeers() {
  const node = useNode();
  const channels = useChain(["relay-channels"], () =>
    readAll((startAfter?: string) => node.relay!.listChannels({ startAfter, limit: 30 }).then((r) => r.channels), (c) => c.channel_id),
  );
  const open = (channels.data ?? []).filter((c) => c.open);
  return { open, loading: channels.isLoading };
}

/** A peer node over its RPC (null when its RPC is not in the config or does not answer). */
function usePeer(name: string | undefined) {
  const node = useNode();
  const peer = node.config.peers?.find((p) => p.name === name);
  return useChain(["peer", peer?.name], () => openPeer(peer!), !!peer);
}

export function Abroad() {
  const node = useNode();
  const { wallet } = useWallet();
  if (!node.relay) return <p className="card">This node has no IBC relay: it reaches no other node.</p>;
  return (
    <div className="grid">
      {wallet ? (
        <>
          <Vouchers address={wallet.address} />
          <SendAbroad />
          <ReturnVouchers address={wallet.address} />
          <BookAbroad address={wallet.address} />
          <BookingsAbroad address={wallet.address} />
        </>
      ) : (
        <NeedsWallet what="send tokens to another node or use your vouchers" />
      )}
      <Treaties />
      <Trades />
    </div>
  );
}

function ChannelSelect({ open, value, onChange, testId }: { open: ChannelInfo[]; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <label>
      To the node
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} required>
        <option value="">choose a node…</option>
        {open.map((c) => (
          <option key={c.channel_id} value={c.channel_id}>
            {c.node} (channel {c.channel_id})
          </option>
        ))}
      </select>
    </label>
  );
}

async function myVouchers(node: Node, address: string) {
  const nodes = await readAll((startAfter?: string) => node.relay!.listNodes({ startAfter, limit: 30 }).then((r) => r.nodes), (n) => n.name);
  return Promise.all(nodes.map(async (n) => ({ node: n.name, shares: BigInt((await node.relay!.voucher({ node: n.name, holder: address })).shares) })));
}

/** Formats a voucher count in the peer's token units when known, else in this node's decimals. */
function voucherText(node: Node, peer: PeerNode | null | undefined, shares: bigint): string {
  return `${formatUnits(shares, voucherDecimals(node, peer))} vouchers`;
}

function formatUnits(units: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const fraction = decimals > 0 ? "." + (units % scale).toString().padStart(decimals, "0") : "";
  return `${(units / scale).toLocaleString("en-US")}${fraction}`;
}

function Vouchers({ address }: { address: string }) {
  const node = useNode();
  const held = useChain(["my-vouchers", address], () => myVouchers(node, address));
  const mine = (held.data ?? []).filter((v) => v.shares > 0n);
  return (
    <section className="card wide" aria-labelledby="vouchers-title" data-testid="vouchers">
      <h2 id="vouchers-title">Vouchers I hold</h2>
      <p className="muted">A voucher is a share of what another node's relay keeps for this node: bring it home there, or pay a stay with it.</p>
      {held.data && mine.length === 0 && <p data-testid="no-vouchers">None: no one on another node has sent you tokens.</p>}
      <ul className="list">
        {mine.map((v) => (
          <VoucherRow key={v.node} name={v.node} shares={v.shares} />
        ))}
      </ul>
    </section>
  );
}

function VoucherRow({ name, shares }: { name: string; shares: bigint }) {
  const node = useNode();
  const peer = usePeer(name);
  const worth = useChain(["voucher-worth", name, shares.toString()], () => voucherWorth(peer.data!, node.config.node ?? "", shares), !!peer.data && !!node.config.node);
  return (
    <li data-testid="voucher" data-node={name} data-shares={shares.toString()}>
      <strong>{name}</strong>: {voucherText(node, peer.data, shares)}
      {worth.data != null && peer.data && (
        <span data-testid="voucher-worth" data-amount={worth.data.toString()}>
          {" "}
          — worth {peer.data.amount(worth.data)} there now
        </span>
      )}
    </li>
  );
}

function SendAbroad() {
  const node = useNode();
  const { wallet } = useWallet();
  const { open } = usePeers();
  const tx = useTx();
  const [channel, setChannel] = useState("");
  const [receiver, setReceiver] = useState("");
  const [amount, setAmount] = useState("");
  const parsed = amount ? parseAmount(amount, node.tokenInfo.decimals) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || "error" in parsed) return;
    const hook = { transfer: { channel_id: channel, receiver: receiver.trim() } };
    void tx.run("Sending abroad", () => wallet!.token.send({ contract: node.config.contracts.relay!, amount: parsed.units.toString(), msg: toBase64(hook) }));
  };
  return (
    <section className="card" aria-labelledby="send-abroad-title" data-testid="send-abroad">
      <h2 id="send-abroad-title">Send tokens to another node</h2>
      <p className="muted">The relay keeps your tokens here (they go on decaying); the receiver gets vouchers for them on their node.</p>
      <form onSubmit={submit}>
        <ChannelSelect open={open} value={channel} onChange={setChannel} testId="send-abroad-node" />
        <label>
          Receiver (their address on that node)
          <input value={receiver} onChange={(e) => setReceiver(e.target.value)} required autoComplete="off" data-testid="send-abroad-receiver" />
        </label>
        <label>
          Amount ({node.tokenInfo.symbol})
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" required data-testid="send-abroad-amount" />
        </label>
        {parsed && "error" in parsed && (
          <p className="error" role="alert">
            {parsed.error}
          </p>
        )}
        <button type="submit" disabled={tx.busy || !channel || !receiver.trim() || !parsed || "error" in parsed} data-testid="send-abroad-submit">
          Send
        </button>
      </form>
      <TxStatus state={tx.state} testId="send-abroad-tx" />
    </section>
  );
}

function ReturnVouchers({ address }: { address: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const { open } = usePeers();
  const tx = useTx();
  const [channel, setChannel] = useState("");
  const [receiver, setReceiver] = useState(address);
  const [shares, setShares] = useState("");
  const peerName = open.find((c) => c.channel_id === channel)?.node;
  const peer = usePeer(peerName);
  const decimals = voucherDecimals(node, peer.data);
  // Vouchers are counted in a published peer's token decimals: wait for them.
  const ready = !node.config.peers?.some((p) => p.name === peerName) || !peer.isLoading;
  const parsed = shares ? parseAmount(shares, decimals) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || "error" in parsed || !ready) return;
    void tx.run("Bringing vouchers home", () => wallet!.relay!.returnVouchers({ channelId: channel, receiver: receiver.trim(), shares: parsed.units.toString() }));
  };
  return (
    <section className="card" aria-labelledby="return-title" data-testid="return-vouchers">
      <h2 id="return-title">Bring vouchers home</h2>
      <p className="muted">Their node pays the receiver there the vouchers' share of what its relay keeps for this node.</p>
      <form onSubmit={submit}>
        <ChannelSelect open={open} value={channel} onChange={setChannel} testId="return-node" />
        <label>
          Vouchers
          <input value={shares} onChange={(e) => setShares(e.target.value)} inputMode="decimal" required data-testid="return-shares" />
        </label>
        <label>
          Receiver there (your address on that node by default)
          <input value={receiver} onChange={(e) => setReceiver(e.target.value)} required autoComplete="off" data-testid="return-receiver" />
        </label>
        {parsed && "error" in parsed && (
          <p className="error" role="alert">
            {parsed.error}
          </p>
        )}
        <button type="submit" disabled={tx.busy || !channel || !ready || !receiver.trim() || !parsed || "error" in parsed} data-testid="return-submit">
          Bring home
        </button>
      </form>
      <TxStatus state={tx.state} testId="return-tx" />
    </section>
  );
}

function BookAbroad({ address }: { address: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const { open } = usePeers();
  const tx = useTx();
  const [channel, setChannel] = useState("");
  const [home, setHome] = useState("");
  const [first, setFirst] = useState(isoOf(today() + 7));
  const [count, setCount] = useState("1");
  const [shares, setShares] = useState("");
  const [guest, setGuest] = useState(address);
  const peerName = open.find((c) => c.channel_id === channel)?.node;
  const peer = usePeer(peerName);
  const offer = useChain(["peer-guest-offer", peerName], () => guestOffer(peer.data!), !!peer.data);
  // A node whose RPC is published: its homes to choose from once read; else a home's number.
  const published = !!peerName && !!node.config.peers?.some((p) => p.name === peerName);
  const decimals = voucherDecimals(node, peer.data);
  const parsed = shares ? parseAmount(shares, decimals) : null;
  const start = dayOf(first);
  const n = Number(count);
  const valid = start != null && Number.isInteger(n) && n > 0;
  const price = offer.data ? BigInt(offer.data.rules.price_per_day) : null;
  // What a voucher is worth there now (the peer relay's unit price), for the vouchers the stay needs.
  const rate = usePeerUnitPrice(peerName, peer.data);
  const need =
    price != null && valid && rate.data && BigInt(rate.data.held_value) > 0n
      ? (price * BigInt(n) * BigInt(rate.data.held_units) + BigInt(rate.data.held_value) - 1n) / BigInt(rate.data.held_value)
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || "error" in parsed || !valid) return;
    void tx.run("Booking abroad", () =>
      wallet!.relay!.bookGuest({
        channelId: channel,
        homeId: Number(home),
        guest: guest.trim(),
        startDay: start!,
        endDay: start! + n,
        shares: parsed.units.toString(),
      }),
    );
  };
  return (
    <section className="card" aria-labelledby="book-abroad-title" data-testid="book-abroad">
      <h2 id="book-abroad-title">Book a guest home on another node</h2>
      <p className="muted">Paid with your vouchers of that node: it takes what the nights cost when the booking arrives and sends the rest back.</p>
      <form onSubmit={submit}>
        <ChannelSelect open={open} value={channel} onChange={setChannel} testId="book-abroad-node" />
        {!offer.isSuccess && published && !peer.error && !offer.error ? (
          <p className="muted" data-testid="book-abroad-loading">
            Reading {peerName}'s guest homes…
          </p>
        ) : offer.data ? (
          <label>
            Guest home
            <select value={home} onChange={(e) => setHome(e.target.value)} required data-testid="book-abroad-home">
              <option value="">choose a home…</option>
              {offer.data.homes.map((h) => (
                <option key={h.home_id} value={h.home_id}>
                  {h.zone} ({h.rooms} room{h.rooms === 1 ? "" : "s"}, home {h.home_id})
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            Guest home number (see the mesh directory)
            <input value={home} onChange={(e) => setHome(e.target.value)} inputMode="numeric" required data-testid="book-abroad-home" />
          </label>
        )}
        <div className="row">
          <label>
            First night
            <input type="date" value={first} onChange={(e) => setFirst(e.target.value)} required data-testid="book-abroad-first" />
          </label>
          <label>
            Nights
            <input type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} required data-testid="book-abroad-nights" />
          </label>
        </div>
        {valid && <p className="muted">{nights(start!, start! + n)}</p>}
        {price != null && peer.data && valid && (
          <p data-testid="book-abroad-cost" data-amount={(price * BigInt(n)).toString()}>
            {peer.data.amount(price)} a night: {peer.data.amount(price * BigInt(n))} in all there today
          </p>
        )}
        {need != null && (
          <p className="muted" data-testid="book-abroad-need" data-shares={need.toString()}>
            About {formatUnits(need, decimals)} vouchers pay for it now; offer a little more, as they lose value each period: what is not needed comes back.
          </p>
        )}
        <label>
          Vouchers offered (the most you pay)
          <input value={shares} onChange={(e) => setShares(e.target.value)} inputMode="decimal" required data-testid="book-abroad-shares" />
        </label>
        <label>
          Guest (who stays)
          <input value={guest} onChange={(e) => setGuest(e.target.value)} required autoComplete="off" data-testid="book-abroad-guest" />
        </label>
        {parsed && "error" in parsed && (
          <p className="error" role="alert">
            {parsed.error}
          </p>
        )}
        <button type="submit" disabled={tx.busy || !channel || (published && peer.isLoading) || !home || !valid || !parsed || "error" in parsed} data-testid="book-abroad-submit">
          Book
        </button>
      </form>
      <TxStatus state={tx.state} testId="book-abroad-tx" />
    </section>
  );
}

/** What the peer relay's units for this node are worth there now (its price for a deposit). */
function usePeerUnitPrice(peerName: string | undefined, peer: PeerNode | null | undefined) {
  const node = useNode();
  return useChain(["peer-unit-price", peerName], () => peer!.relay.node({ name: node.config.node ?? "" }), !!peer && !!node.config.node);
}

/** A cancellation sent: the booking, where, and the packet that carries it there. */
interface Cancelling {
  peer: string;
  bookingId: number;
  packetId: number | null;
}

/**
 * My guest bookings on other nodes (those whose chain this node publishes), read from each node's
 * registry, with what cancelling would refund now; a cancellation goes there as a relay packet, so
 * its outcome shows once the relayer has carried it and the node has answered.
 */
function BookingsAbroad({ address }: { address: string }) {
  const node = useNode();
  const { wallet } = useWallet();
  const { open } = usePeers();
  const tx = useTx();
  const [sent, setSent] = useState<Cancelling | null>(null);
  // One open channel per node whose RPC is published: any of them reaches the same relay there.
  const reachable = new Map(open.filter((c) => node.config.peers?.some((p) => p.name === c.node)).map((c) => [c.node, c]));
  const cancel = async (channel: ChannelInfo, booking: BookingResponse) => {
    setSent(null);
    const result = await tx.run(`Cancelling booking #${booking.booking_id} on ${channel.node}`, () =>
      wallet!.relay!.cancelGuestBooking({ channelId: channel.channel_id, bookingId: booking.booking_id }),
    );
    if (result) {
      const packet = Number(wasmAttribute(result, "packet_id"));
      setSent({ peer: channel.node, bookingId: booking.booking_id, packetId: Number.isInteger(packet) ? packet : null });
    }
  };
  return (
    <section className="card wide" aria-labelledby="bookings-abroad-title" data-testid="bookings-abroad">
      <h2 id="bookings-abroad-title">My bookings abroad</h2>
      <p className="muted">Guest homes booked for you on other nodes, read from their own chains. A cancellation travels there through the relay; the refund comes back to you as vouchers of that node.</p>
      {reachable.size === 0 && <p>No other node whose chain this node publishes: bookings there cannot be read from here.</p>}
      {[...reachable.values()].map((c) => (
        <PeerBookings key={c.node} channel={c} address={address} busy={tx.busy} onCancel={(b) => void cancel(c, b)} />
      ))}
      <TxStatus state={tx.state} testId="cancel-abroad-tx" />
      {sent && tx.state.phase === "included" && <CancelOutcome sent={sent} />}
    </section>
  );
}

function PeerBookings({ channel, address, busy, onCancel }: { channel: ChannelInfo; address: string; busy: boolean; onCancel: (b: BookingResponse) => void }) {
  const node = useNode();
  const peer = usePeer(channel.node);
  const visitor = visitorTag(node.config.node ?? "", address);
  const mine = useChain(["peer-bookings", channel.node, visitor], () => bookingsAbroad(peer.data!, visitor, today()), !!peer.data && !!node.config.node);
  const id = `bookings-abroad-${channel.node.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return (
    <section aria-labelledby={id} data-testid="peer-bookings" data-node={channel.node}>
      <h3 id={id}>On {channel.node}</h3>
      {(peer.error || mine.error) && (
        <p role="alert" className="error">
          Its chain does not answer: {String(((peer.error ?? mine.error) as Error).message ?? "")}
        </p>
      )}
      {!mine.data && !peer.error && !mine.error && <p className="muted">Reading {channel.node}'s guest bookings…</p>}
      {mine.data?.bookings.length === 0 && <p data-testid="no-bookings-abroad">No booking of yours there.</p>}
      <ul className="list">
        {peer.data &&
          mine.data?.bookings.map((b) => <BookingAbroadRow key={b.booking_id} peer={peer.data!} name={channel.node} address={address} booking={b} busy={busy} onCancel={() => onCancel(b)} />)}
      </ul>
      {mine.data && !mine.data.complete && <p className="muted">Only the first bookings of each home were read: a home there has many.</p>}
    </section>
  );
}

function BookingAbroadRow(props: { peer: PeerNode; name: string; address: string; booking: BookingResponse; busy: boolean; onCancel: () => void }) {
  const { peer, name, address, booking: b, busy, onCancel } = props;
  const node = useNode();
  const canCancel = cancellable(b, today());
  const quote = useChain(["peer-refund-quote", name, b.booking_id], () => peer.housing!.refundQuote({ bookingId: b.booking_id, asAdmin: false }), canCancel && !!peer.housing);
  const price = usePeerUnitPrice(name, peer);
  const back = quote.data && price.data ? refundVouchers(BigInt(quote.data.refund), BigInt(price.data.held_units), BigInt(price.data.held_value)) : null;
  const decimals = voucherDecimals(node, peer);
  return (
    <li data-testid="abroad-booking" data-booking={b.booking_id} data-home={b.home_id}>
      <p>
        <strong>{nights(b.start_day, b.end_day)}</strong> · home #{b.home_id} · booking #{b.booking_id}
      </p>
      <p className="muted" data-testid="abroad-booking-paid" data-amount={b.paid}>
        Paid {peer.amount(b.paid)} there
        {b.guest !== address && (
          <>
            {" "}
            · guest <code>{b.guest}</code>
          </>
        )}
      </p>
      {!canCancel && <p>The stay has begun: it can no longer be cancelled.</p>}
      {quote.data && (
        <p data-testid="abroad-booking-refund" data-amount={quote.data.refund} data-shares={back?.toString()}>
          {refundText(quote.data, peer.tokenInfo, back != null ? { shares: back, decimals } : null)}
        </p>
      )}
      {canCancel && (
        <button type="button" className="danger" disabled={busy} onClick={onCancel} data-testid="abroad-booking-cancel">
          Cancel booking #{b.booking_id} on {name}
        </button>
      )}
    </li>
  );
}

/**
 * A cancellation's outcome on the other node, read over its RPC: waiting while the packet is still
 * pending here; cancelled (with the refund) once its registry says so; refused if the packet came
 * back (acknowledged) and the booking is still active.
 */
function CancelOutcome({ sent }: { sent: Cancelling }) {
  const node = useNode();
  const peer = usePeer(sent.peer);
  const outcome = useChain(
    ["cancel-outcome", sent.peer, sent.bookingId, sent.packetId],
    async () => {
      // Here first: once the acknowledgement is back, the other chain has already answered. (A
      // packet whose id the transaction did not name counts as pending.)
      const pending =
        sent.packetId == null ||
        (await node.relay!.pendingPackets({ startAfter: sent.packetId > 0 ? sent.packetId - 1 : undefined, limit: 1 })).packets.some((p) => p.id === sent.packetId);
      return { pending, booking: await peer.data!.housing!.booking({ bookingId: sent.bookingId }) };
    },
    !!peer.data?.housing,
  );
  const b = outcome.data?.booking;
  const phase = !b ? "relaying" : b.status === "cancelled" ? "cancelled" : b.status === "active" && outcome.data!.pending ? "relaying" : "refused";
  return (
    <p role="status" aria-live="polite" data-testid="cancel-abroad-outcome" data-phase={phase} data-refunded={b?.status === "cancelled" ? b.refunded : undefined}>
      {phase === "relaying" && <>Waiting for {sent.peer} to cancel booking #{sent.bookingId}: the relayer carries the request there and back (a few blocks on each chain)…</>}
      {phase === "cancelled" && peer.data && (
        <>
          {sent.peer} cancelled booking #{sent.bookingId} and refunded {peer.data.amount(b!.refunded)}: it comes back to you as vouchers of {sent.peer}.
        </>
      )}
      {phase === "refused" && <>{sent.peer} did not cancel booking #{sent.bookingId} (it is {b!.status}): nothing was refunded.</>}
    </p>
  );
}

function Treaties() {
  const node = useNode();
  const treaties = useChain(["treaties"], () =>
    readAll((startAfter?: number) => node.relay!.listTreaties({ startAfter, limit: 30 }).then((r) => r.treaties), (t) => t.id),
  );
  const inForce = (treaties.data ?? []).filter((t) => t.status === "ratified");
  return (
    <section className="card wide" aria-labelledby="treaties-title" data-testid="treaties">
      <h2 id="treaties-title">Treaties in force</h2>
      {treaties.data && inForce.length === 0 && <p>None yet.</p>}
      <ul className="list">
        {inForce.map((t) => (
          <li key={t.id} data-testid="treaty" data-id={t.id} data-status={t.status}>
            <strong>{t.title}</strong> with {t.node} · {t.kind.replace(/_/g, " ")}
            {t.ratified_at && <> · ratified {nanosToDate(t.ratified_at).toLocaleDateString()}</>}
            <p>{t.terms}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Trades still under way or just done, newest first. */
const TRADE_STATUSES: TradeStatus[] = ["offered", "accepted", "shipping", "delivered", "paid"];

function Trades() {
  const node = useNode();
  const trades = useChain(["trades"], async () => {
    const lists = await Promise.all(TRADE_STATUSES.map((status) => node.relay!.tradesByStatus({ status, limit: 30 }).then((r) => r.trades)));
    return lists.flat().sort((a, b) => b.id - a.id);
  });
  return (
    <section className="card wide" aria-labelledby="trades-title" data-testid="trades">
      <h2 id="trades-title">Trade offers and shipments</h2>
      {trades.data?.length === 0 && <p>No trade under way.</p>}
      <ul className="list">
        {trades.data?.map((t) => (
          <TradeRow key={t.id} trade={t} />
        ))}
      </ul>
    </section>
  );
}

function shipmentText(update: ShipmentUpdate): string {
  if ("departed" in update) return `departed, due ${nanosToDate(update.departed.eta).toLocaleString()}`;
  if ("position" in update) return update.position.note;
  return `delayed to ${nanosToDate(update.delayed.new_eta).toLocaleString()}: ${update.delayed.reason}`;
}

function TradeRow({ trade: t }: { trade: Trade }) {
  const node = useNode();
  const updates = useChain(["shipments", t.id, t.shipment_updates], () => node.relay!.shipmentUpdates({ tradeId: t.id, limit: 30 }), t.shipment_updates > 0);
  // A token price is in the seller's node's token.
  const price =
    "tokens" in t.price
      ? t.local_role === "seller"
        ? node.amount(t.price.tokens.amount)
        : `${formatUnits(BigInt(t.price.tokens.amount), node.tokenInfo.decimals)} of ${t.node}'s token`
      : `${t.price.goods.containers} container(s) of ${t.price.goods.goods}`;
  return (
    <li data-testid="trade" data-id={t.id} data-status={t.status}>
      <p>
        <strong>
          {t.containers} container(s) of {t.goods}
        </strong>{" "}
        · {t.local_role === "seller" ? "sold to" : "bought from"} <code>{t.remote_party}</code> on {t.node} · for {price} · <span className="badge">{t.status}</span>
      </p>
      {updates.data && updates.data.updates.length > 0 && (
        <ol data-testid="shipment-updates">
          {updates.data.updates.map((u) => (
            <li key={u.seq}>
              {nanosToDate(u.at).toLocaleString()}: {shipmentText(u.update)}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
