// Guest homes' nights: the registry counts nights as whole UTC days since 1970-01-01 (its
// `start_day`/`end_day`, end exclusive); the page shows and takes them as dates. And the
// member's own bookings, found in the chain's transaction index (the registry lists bookings per
// home only, and forgets a cancelled booking's nights, not the booking).
import type { IndexedTx } from "@cosmjs/stargate";

const DAY_MS = 86_400_000;

/** "2026-12-24" (a date input's value) as the registry's day number, or null if it is no date. */
export function dayOf(isoDate: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return null;
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS);
}

/** The registry's day number as "2026-12-24". */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today as the registry counts it (the chain's clock is UTC too). */
export function today(nowMs = Date.now()): number {
  return Math.floor(nowMs / DAY_MS);
}

/** Nights `start..end` (end exclusive) in words: "24 Dec → 26 Dec 2026 (2 nights)". */
export function nights(start: number, end: number): string {
  const fmt = (day: number, year: boolean) =>
    new Date(day * DAY_MS).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: year ? "numeric" : undefined, timeZone: "UTC" });
  const n = end - start;
  return `${fmt(start, false)} → ${fmt(end, true)} (${n} night${n === 1 ? "" : "s"})`;
}

/** The ids of the bookings `payer` made at the registry `housing`, newest first, from the index. */
export function bookingIdsIn(txs: readonly IndexedTx[], housing: string, payer: string): number[] {
  const ids = new Set<number>();
  for (const tx of [...txs].sort((a, b) => b.height - a.height)) {
    if (tx.code !== 0) continue;
    for (const event of tx.events) {
      if (event.type !== "wasm") continue;
      const attr = (key: string) => event.attributes.find((a) => a.key === key)?.value;
      if (attr("_contract_address") !== housing || attr("action") !== "book_guest" || attr("payer") !== payer) continue;
      const id = Number(attr("booking_id"));
      if (Number.isInteger(id)) ids.add(id);
    }
  }
  return [...ids];
}
