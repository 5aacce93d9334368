/**
 * Human-readable durations as kubectl shows them (AGE, RESTARTS "(5m ago)", job DURATION),
 * following apimachinery's `pkg/util/duration`.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `int(x)` on a float: truncation toward zero. */
const trunc = (x: number): number => Math.trunc(x);

/**
 * Formats a duration given in milliseconds with two or three significant figures
 * (`45s`, `3m20s`, `95m`, `5h12m`, `30h`, `3d4h`, `120d`, `3y17d`, `10y`); `<invalid>` when it is
 * more than a second negative (clock skew is tolerated up to there).
 */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * The one-unit variant (`45s`, `3m`, `5h`, `12d`, `2y`) that upstream uses where space is
 * tight; same tolerance for small negative values as {@link humanDuration}.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(hours / 24 / 365)}y`;
}

/** Milliseconds since the epoch for an RFC 3339 timestamp; undefined when absent or unparsable (Go's zero time). */
export function parseTimestamp(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * `translateTimestampSince`: how long ago `ts` was, relative to `now` (ms since the epoch), or
 * `<unknown>` for a missing timestamp.
 */
export function timeSince(ts: string | undefined | null, now: number): string {
  const ms = parseTimestamp(ts);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

const GO_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds of a Go duration string as command-line flags take them (`500ms`, `5m`, `1h30m`,
 * `0`); throws on anything else.
 */
export function parseGoDuration(text: string): number {
  const t = text.trim();
  if (t === '0') return 0;
  if (!t) throw new Error('invalid duration ""');
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let i = 0;
  while (i < t.length) {
    re.lastIndex = i;
    const m = re.exec(t);
    if (!m) throw new Error(`invalid duration ${JSON.stringify(text)} (expected e.g. 30s, 5m, 1h30m)`);
    ms += Number(m[1]) * GO_UNITS_MS[m[2]!]!;
    i = re.lastIndex;
  }
  return ms;
}
