// Other nodes, read over their own RPC: the relay names a recognized node but not where it runs, so
// the page learns each peer's RPC and relay from its config (make-config.mjs --peer-deployment),
// and finds the rest through that relay's config: its token and housing registry.
import { CosmWasmClient } from "@cosmjs/cosmwasm";
import { DemurrageTokenQueryClient } from "@dac/contracts-client/DemurrageToken.client";
import type { TokenInfoResponse } from "@dac/contracts-client/DemurrageToken.types";
import { HousingRegistryQueryClient } from "@dac/contracts-client/HousingRegistry.client";
import type { BookingResponse, GuestParams, HomeResponse } from "@dac/contracts-client/HousingRegistry.types";
import { IbcRelayQueryClient } from "@dac/contracts-client/IbcRelay.client";
import { bookingsFor, listFrom } from "./abroad";
import { formatAmount } from "./amounts";
import { queriesThrough } from "./codegen-adapter";
import { peerRpcUrl, type Peer } from "./config";
import { readAll, readPages } from "./query";

export interface PeerNode {
  peer: Peer;
  chainId: string;
  relay: IbcRelayQueryClient;
  tokenInfo: TokenInfoResponse;
  /** Smallest units of the peer's token as "1,234.500000 SYM". */
  amount: (units: string | bigint) => string;
  /** The peer's guest homes and their rules, when its relay names a housing registry. */
  housing: HousingRegistryQueryClient | null;
}

const readers = new Map<string, Promise<CosmWasmClient>>();

/** Opens `peer` over its RPC (one client per address, kept for the page's life). */
export async function openPeer(peer: Peer): Promise<PeerNode> {
  const url = peerRpcUrl(peer, location.href);
  let reader = readers.get(url);
  if (!reader) {
    reader = CosmWasmClient.connect(url);
    readers.set(url, reader);
    reader.catch(() => readers.delete(url));
  }
  const client = await reader;
  const q = queriesThrough(client);
  const relay = new IbcRelayQueryClient(q, peer.relay);
  const config = await relay.config();
  const tokenInfo = await new DemurrageTokenQueryClient(q, config.token).tokenInfo();
  return {
    peer,
    chainId: await client.getChainId(),
    relay,
    tokenInfo,
    amount: (units) => formatAmount(units, tokenInfo.decimals, tokenInfo.symbol),
    housing: config.housing_registry ? new HousingRegistryQueryClient(q, config.housing_registry) : null,
  };
}

export interface GuestOffer {
  rules: GuestParams;
  homes: HomeResponse[];
}

/** A peer's guest homes and the registry's guest rules (price per night, longest stay). */
export async function guestOffer(node: PeerNode): Promise<GuestOffer | null> {
  if (!node.housing) return null;
  const housing = node.housing;
  const [{ guest: rules }, homes] = await Promise.all([
    housing.config(),
    readAll((startAfter?: number) => housing.listHomes({ startAfter, limit: 30 }).then((r) => r.homes), (h) => h.home_id),
  ]);
  return { rules, homes: homes.filter((h) => h.status === "guest") };
}

/**
 * What `shares` vouchers of `peer`'s token are worth there now: a share of what the peer's relay
 * holds for this node (it decays like any balance). Null when it holds nothing for us.
 */
export async function voucherWorth(node: PeerNode, us: string, shares: bigint): Promise<bigint | null> {
  const held = await node.relay.node({ name: us });
  const units = BigInt(held.held_units);
  return units === 0n ? null : (shares * BigInt(held.held_value)) / units;
}

/** Pages of one guest home's bookings read at most: a home holds one booking a night at most. */
const BOOKING_PAGES_PER_HOME = 10;

/**
 * The active guest bookings `node`'s relay made for `visitor` ("<our node>/<member>"), from each
 * guest home's stays under way or to come. `complete` is false when a home had more bookings than
 * were read.
 */
export async function bookingsAbroad(node: PeerNode, visitor: string, today: number): Promise<{ bookings: BookingResponse[]; complete: boolean }> {
  const offer = await guestOffer(node);
  if (!offer || !node.housing) return { bookings: [], complete: true };
  const housing = node.housing;
  const from = listFrom(today, offer.rules.max_stay_days);
  const lists = await Promise.all(
    offer.homes.map((h) =>
      readPages(
        (startAfter?: number) => housing.listBookings({ homeId: h.home_id, startAfter: startAfter ?? from, limit: 30 }).then((r) => r.bookings),
        (b) => b.start_day,
        BOOKING_PAGES_PER_HOME,
      ),
    ),
  );
  return { bookings: bookingsFor(lists.flatMap((l) => l.items), node.peer.relay, visitor), complete: lists.every((l) => l.complete) };
}
