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

/**
 * A display amount typed by a person ("12.5") in the smallest unit (12500000n for 6 decimals), or
 * an error that names the problem. Never through floating point.
 */
export function parseAmount(text: string, decimals: number): { units: bigint } | { error: string } {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return { error: "Enter an amount." };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return { error: `"${text}" is not an amount: use digits and one decimal point.` };
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return { error: `At most ${decimals} decimals.` };
  const units = BigInt(match[1] || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
  if (units === 0n) return { error: "The amount must be more than zero." };
  return { units };
}

/** Seconds since the epoch as the chain's nanosecond timestamp string. */
export function secondsToNanos(seconds: number): string {
  return `${Math.floor(seconds)}000000000`;
}

/** A duration in words: "59 s", "12 min", "3 h", "2 days". */
export function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
