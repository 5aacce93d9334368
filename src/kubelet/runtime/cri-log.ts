/**
 * The CRI container log format, one entry per line:
 * `<RFC3339Nano timestamp> <stdout|stderr> <F|P> <content>\n`. The shim writes it (splitting
 * lines longer than 16 KiB into `P` pieces, as containerd does); the kubelet's log reader parses
 * it. These helpers are shared by both sides.
 */

/** Which output stream a log entry came from. */
export type CriStream = 'stdout' | 'stderr';

/** containerd's default `max_container_log_line_size`: longer lines are split into P pieces. */
export const CRI_MAX_LINE_BYTES = 16384;

/** The layout Go's time.RFC3339Nano names; upstream quotes it in parse errors. */
export const RFC3339_NANO_LAYOUT = '2006-01-02T15:04:05.999999999Z07:00';

/** One parsed log line. */
export interface CriLogLine {
  /** The timestamp exactly as written. */
  timestamp: string;
  /** The timestamp as nanoseconds since the epoch. */
  timeNs: bigint;
  stream: CriStream;
  /**
   * True for `P`: a piece of a longer line, or output that ended without a newline. A reader
   * reproducing the container's output writes `content` and, unless partial, a `\n`.
   */
  partial: boolean;
  /** The content without the file's line terminator. */
  content: Buffer;
}

const NS_PER_SEC = 1_000_000_000n;

/** Formats nanoseconds since the epoch like Go's `time.RFC3339Nano` in UTC (trailing zeros trimmed). */
export function formatRfc3339Nano(epochNs: bigint): string {
  let sec = epochNs / NS_PER_SEC;
  let frac = epochNs % NS_PER_SEC;
  if (frac < 0n) {
    frac += NS_PER_SEC;
    sec -= 1n;
  }
  const base = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
  const digits = frac.toString().padStart(9, '0').replace(/0+$/, '');
  return digits ? `${base}.${digits}Z` : `${base}Z`;
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp with optional fraction (Go's RFC3339Nano) into epoch nanoseconds. */
export function parseRfc3339Nano(text: string): bigint {
  const m = RFC3339_RE.exec(text);
  if (!m) {
    throw new Error(`unexpected timestamp format "${RFC3339_NANO_LAYOUT}": parsing time "${text}"`);
  }
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetMin = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    ms -= sign * offsetMin * 60_000;
  }
  return BigInt(ms) * 1_000_000n + BigInt(frac.padEnd(9, '0'));
}

/** The current time in nanoseconds since the epoch (microsecond precision from `performance`). */
export function nowNs(): bigint {
  const micros = Math.round((performance.timeOrigin + performance.now()) * 1000);
  return BigInt(micros) * 1000n;
}

/** Formats one CRI log line (with its trailing newline); `timeNs` defaults to now. */
export function formatCriLine(
  stream: CriStream,
  partial: boolean,
  content: string | Buffer,
  timeNs: bigint = nowNs(),
): Buffer {
  const head = `${formatRfc3339Nano(timeNs)} ${stream} ${partial ? 'P' : 'F'} `;
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.concat([Buffer.from(head), body, Buffer.from('\n')]);
}

/**
 * Parses one CRI log line (with or without its trailing newline), with the kubelet's rules and
 * error messages: only the first `:`-separated tag counts, and only `P` means partial.
 */
export function parseCriLine(line: Buffer | string): CriLogLine {
  let buf = typeof line === 'string' ? Buffer.from(line) : line;
  if (buf.length > 0 && buf[buf.length - 1] === 0x0a) buf = buf.subarray(0, buf.length - 1);
  const sp1 = buf.indexOf(0x20);
  if (sp1 < 0) throw new Error('timestamp is not found');
  const timestamp = buf.subarray(0, sp1).toString('latin1');
  const timeNs = parseRfc3339Nano(timestamp);
  const sp2 = buf.indexOf(0x20, sp1 + 1);
  if (sp2 < 0) throw new Error('stream type is not found');
  const stream = buf.subarray(sp1 + 1, sp2).toString('latin1');
  if (stream !== 'stdout' && stream !== 'stderr') {
    throw new Error(`unexpected stream type "${stream}"`);
  }
  const sp3 = buf.indexOf(0x20, sp2 + 1);
  if (sp3 < 0) throw new Error('log tag is not found');
  const tags = buf.subarray(sp2 + 1, sp3).toString('latin1').split(':');
  return { timestamp, timeNs, stream, partial: tags[0] === 'P', content: buf.subarray(sp3 + 1) };
}
