// A member's guest bookings on another node. The relay there books `on_behalf_of`
// "<this node>/<member>" and is the registry's payer; no query lists a visitor's bookings, so the
// page reads the peer registry's bookings per guest home and keeps the member's (this file's
// pure part, unit-tested in tests/amounts.spec.ts).
import type { BookingResponse, RefundQuoteResponse } from "@dac/contracts-client/HousingRegistry.types";
import { formatAmount } from "./amounts";

/** How the relay on another node names a visitor from `node` when it books for them. */
export function visitorTag(node: string, address: string): string {
  return `${node}/${address}`;
}

/**
 * The bookings among `bookings` that `relay` (the peer's relay, the payer) made for `visitor` and
 * that are still active, by first night. Another booking agent may name the same visitor, but only
 * the relay's own bookings can be cancelled through it.
 */
export function bookingsFor(bookings: readonly BookingResponse[], relay: string, visitor: string): BookingResponse[] {
  return bookings
    .filter((b) => b.status === "active" && b.payer === relay && b.on_behalf_of === visitor)
    .sort((a, b) => a.start_day - b.start_day || a.booking_id - b.booking_id);
}

/** The registry cancels a booking only before its first night (`today` in its day numbers). */
export function cancellable(booking: Pick<BookingResponse, "status" | "start_day">, today: number): boolean {
  return booking.status === "active" && today < booking.start_day;
}

/**
 * The first night whose bookings can still matter: a stay under way began at most `maxStayDays - 1`
 * days ago. The registry lists a home's bookings from the first night after `start_after`.
 */
export function listFrom(today: number, maxStayDays: number): number {
  return Math.max(0, today - maxStayDays);
}

/**
 * About how many vouchers a refund of `amount` there comes back as: the peer's relay deposits it
 * at what its units are worth (`heldValue` for `heldUnits` held for this node), rounded down as
 * it mints. Null when it holds nothing for this node (no price to go by).
 */
export function refundVouchers(amount: bigint, heldUnits: bigint, heldValue: bigint): bigint | null {
  if (heldValue === 0n || heldUnits === 0n) return null;
  return (amount * heldUnits) / heldValue;
}

/**
 * What cancelling now would do, in words: the registry's refund quote in the peer's token and, when
 * the peer's price is known, about how many vouchers it comes back as (`voucherDecimals`: vouchers
 * count the peer token's decimals and 6 more).
 */
export function refundText(
  quote: Pick<RefundQuoteResponse, "refund" | "to_treasury">,
  token: { decimals: number; symbol: string },
  vouchers: { shares: bigint; decimals: number } | null,
): string {
  const keeps = `${formatAmount(quote.to_treasury, token.decimals, token.symbol)} goes to its treasury`;
  if (BigInt(quote.refund) === 0n) return `Cancelling now refunds nothing; ${keeps}.`;
  const back = vouchers ? ` (about ${formatAmount(vouchers.shares, vouchers.decimals, "vouchers")} here)` : "";
  return `Cancelling now refunds ${formatAmount(quote.refund, token.decimals, token.symbol)} there${back}; ${keeps}.`;
}
