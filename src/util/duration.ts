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

/** A string quoted as Go's time package quotes it in errors (non-ASCII bytes as \\xNN). */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}

const GO_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, '\u00b5s': 1e-3, '\u03bcs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const isDigit = (s: string, i: number): boolean => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** Go's `time.ParseDuration`: the duration in milliseconds, or Go's error text (overflow is not modelled). */
export function goDuration(s: string): { ms: number } | { error: string } {
  const invalid = { error: `time: invalid duration ${timeQuote(s)}` };
  let rest = s;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return { ms: 0 };
  if (rest === '') return invalid;
  let ms = 0;
  while (rest !== '') {
    if (!(rest[0] === '.' || isDigit(rest, 0))) return invalid;
    let i = 0;
    while (isDigit(rest, i)) i++;
    const pre = i > 0;
    let post = false;
    if (rest[i] === '.') {
      i++;
      const start = i;
      while (isDigit(rest, i)) i++;
      post = i > start;
    }
    if (!pre && !post) return invalid;
    const value = Number(rest.slice(0, i));
    rest = rest.slice(i);
    let u = 0;
    while (u < rest.length && rest[u] !== '.' && !isDigit(rest, u)) u++;
    if (u === 0) return { error: `time: missing unit in duration ${timeQuote(s)}` };
    const unit = rest.slice(0, u);
    const scale = GO_UNITS_MS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${timeQuote(unit)} in duration ${timeQuote(s)}` };
    ms += value * scale;
    rest = rest.slice(u);
  }
  return { ms: sign * ms };
}

/** Milliseconds of a Go duration as command-line flags take them (`500ms`, `5m`, `1h30m`, `0`); throws Go's error otherwise. */
export function parseGoDuration(text: string): number {
  const r = goDuration(text.trim());
  if ('error' in r) throw new Error(r.error);
  return r.ms;
}
