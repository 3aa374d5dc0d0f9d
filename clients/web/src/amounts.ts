// Token amounts are integers in the smallest unit (strings on the wire): formatted with BigInt,
// never through floating point.

export function formatAmount(amount: string | bigint, decimals: number, symbol: string): string {
  const value = BigInt(amount);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = (abs / scale).toLocaleString("en-US");
  const fraction = decimals > 0 ? "." + (abs % scale).toString().padStart(decimals, "0") : "";
  return `${negative ? "-" : ""}${whole}${fraction} ${symbol}`;
}

/** The start of the next demurrage period after `nowSeconds`, from the checkpoint (nanoseconds). */
export function nextPeriodBoundary(checkpointNanos: string, periodSeconds: number, nowSeconds: number): number {
  const checkpoint = Number(BigInt(checkpointNanos) / 1_000_000_000n);
  if (nowSeconds < checkpoint) return checkpoint + periodSeconds;
  const elapsed = Math.floor((nowSeconds - checkpoint) / periodSeconds) + 1;
  return checkpoint + elapsed * periodSeconds;
}

export function nanosToDate(nanos: string): Date {
  return new Date(Number(BigInt(nanos) / 1_000_000n));
}

/** A decimal fraction ("0.00000095") as a percentage, to three significant digits. */
export function percent(decimal: string): string {
  const digits = (Number(decimal) * 100).toPrecision(3);
  // Trailing zeros of the fraction only: "100" stays, "5.00" becomes "5".
  return `${digits.includes(".") ? digits.replace(/0+$/, "").replace(/\.$/, "") : digits}%`;
}
