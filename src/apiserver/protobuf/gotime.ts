/**
 * JSON renderings of the apimachinery time types, matching Go: `metav1.Time` as RFC 3339 in UTC with whole
 * seconds, `metav1.MicroTime` with six fractional digits, and `metav1.Duration` as Go's `Duration.String()`.
 */

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/** `metav1.Time` from Unix seconds: `2024-01-02T03:04:05Z` (the nanos are not part of the wire format). */
export function formatTime(seconds: number): string {
  return `${isoSeconds(seconds)}Z`;
}

/** `metav1.MicroTime` from Unix seconds and nanoseconds (truncated to microseconds): `...T03:04:05.123456Z`. */
export function formatMicroTime(seconds: number, nanos: number): string {
  const micros = Math.trunc(nanos / 1000);
  return `${isoSeconds(seconds)}.${String(micros).padStart(6, '0')}Z`;
}

/** Digits after the point for `v / 10^prec`, trailing zeros trimmed; '' when the fraction is zero. */
function fraction(v: bigint, prec: number): string {
  const digits = (v % 10n ** BigInt(prec)).toString().padStart(prec, '0').replace(/0+$/, '');
  return digits ? `.${digits}` : '';
}

/** Go's `time.Duration.String()` for a count of nanoseconds: `0s`, `1.5ms`, `2m0s`, `1h0m30.5s`. */
export function formatDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  const u = nanos < 0n ? -nanos : nanos;
  if (u < 1_000_000_000n) {
    if (u < 1_000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${u / 1_000n}${fraction(u, 3)}µs`;
    return `${sign}${u / 1_000_000n}${fraction(u, 6)}ms`;
  }
  const secs = u / 1_000_000_000n;
  let out = `${secs % 60n}${fraction(u, 9)}s`;
  const mins = secs / 60n;
  if (mins > 0n) {
    out = `${mins % 60n}m${out}`;
    const hours = mins / 60n;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return sign + out;
}
