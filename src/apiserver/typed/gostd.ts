/**
 * The error texts of the Go standard-library parsers that upstream's JSON decoding of API objects
 * reaches: `time.Parse` (metav1.Time and MicroTime), `time.ParseDuration` (metav1.Duration) and
 * `base64.StdEncoding` ([]byte fields such as Secret data). Each returns undefined when Go would
 * accept the input, else the error's message.
 */
import { goDuration, timeQuote } from '../../util/duration.js';

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

type Chunk = { lit: string } | { std: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'tz' | 'frac6'; text: string };

const LAYOUTS: Record<string, Chunk[]> = {
  [RFC3339]: chunks(false),
  [RFC3339_MICRO]: chunks(true),
};

function chunks(micro: boolean): Chunk[] {
  const out: Chunk[] = [
    { std: 'year', text: '2006' }, { lit: '-' }, { std: 'month', text: '01' }, { lit: '-' }, { std: 'day', text: '02' },
    { lit: 'T' }, { std: 'hour', text: '15' }, { lit: ':' }, { std: 'minute', text: '04' }, { lit: ':' }, { std: 'second', text: '05' },
  ];
  if (micro) out.push({ std: 'frac6', text: '.000000' });
  out.push({ std: 'tz', text: 'Z07:00' });
  return out;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;

/** Go's `getnum`: one or two leading digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [s.charCodeAt(0) - 48, s.slice(1)];
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The error of Go's `time.Parse(layout, value)` for the RFC 3339 layouts metav1 uses, or undefined. */
export function timeParseError(layout: string, value: string): string | undefined {
  const steps = LAYOUTS[layout];
  if (!steps) throw new Error(`unsupported layout ${layout}`);
  const cannot = (elem: string, rest: string): string =>
    `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(rest)} as ${timeQuote(elem)}`;
  const outOfRange = (what: string): string => `parsing time ${timeQuote(value)}: ${what} out of range`;
  let v = value;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if ('lit' in step) {
      // A run of literals is skipped together and reported as one prefix.
      let prefix = step.lit;
      while (i + 1 < steps.length && 'lit' in steps[i + 1]!) prefix += (steps[++i] as { lit: string }).lit;
      for (let j = 0; j < prefix.length; j++) {
        if (!v.length || v[0] !== prefix[j]) return cannot(prefix, v);
        v = v.slice(1);
      }
      continue;
    }
    const hold = v;
    let range = '';
    let bad = false;
    switch (step.std) {
      case 'year':
        if (v.length < 4 || !isDigit(v, 0) || !/^\d{4}$/.test(v.slice(0, 4))) bad = true;
        else {
          year = Number(v.slice(0, 4));
          v = v.slice(4);
        }
        break;
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second': {
        const r = getnum(v, step.std !== 'hour');
        if (!r) {
          bad = true;
          break;
        }
        const [n, rest] = r;
        v = rest;
        if (step.std === 'month') {
          month = n;
          if (n <= 0 || n > 12) range = 'month';
        } else if (step.std === 'day') day = n;
        else if (step.std === 'hour' && n >= 24) range = 'hour';
        else if (step.std === 'minute' && n >= 60) range = 'minute';
        else if (step.std === 'second') {
          if (n >= 60) range = 'second';
          else if (v.length >= 2 && (v[0] === '.' || v[0] === ',') && isDigit(v, 1) && steps[i + 1] && 'std' in steps[i + 1]! && (steps[i + 1] as { std: string }).std !== 'frac6') {
            // A fractional second the layout does not spell is accepted.
            let n2 = 2;
            while (isDigit(v, n2)) n2++;
            v = v.slice(n2);
          }
        }
        break;
      }
      case 'frac6':
        if (v.length < 7 || (v[0] !== '.' && v[0] !== ',') || !/^\d{6}$/.test(v.slice(1, 7))) bad = true;
        else v = v.slice(7);
        break;
      case 'tz': {
        if (v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') {
          bad = true;
          break;
        }
        const hr = getnum(v.slice(1, 3), true);
        const mm = getnum(v.slice(4, 6), true);
        if (!hr || !mm || (v[0] !== '+' && v[0] !== '-')) bad = true;
        else if (mm[0] > 60) range = 'time zone offset minute';
        else if (hr[0] > 24) range = 'time zone offset hour';
        v = v.slice(6);
        break;
      }
    }
    if (range) return outOfRange(range);
    if (bad) return cannot(step.text, hold);
  }
  if (v.length) return `parsing time ${timeQuote(value)}: extra text: ${timeQuote(v)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}

/** The error of Go's `time.ParseDuration(s)`, or undefined. */
export function durationParseError(s: string): string | undefined {
  const r = goDuration(s);
  return 'error' in r ? r.error : undefined;
}

const B64 = new Int16Array(256).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) B64[c.charCodeAt(0)] = i;

/**
 * The error of Go's `base64.StdEncoding.DecodeString(s)` (padded, non-strict, CR and LF ignored):
 * `illegal base64 data at input byte N`, N counted in UTF-8 bytes; undefined when it decodes.
 */
export function base64DecodeError(s: string): string | undefined {
  const src = Buffer.from(s, 'utf8');
  const corrupt = (n: number): string => `illegal base64 data at input byte ${n}`;
  const isNL = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;
  let si = 0;
  while (si < src.length) {
    // One quantum of up to four symbols (Go's decodeQuantum).
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const inb = src[si]!;
      si++;
      if (B64[inb]! >= 0) continue;
      if (isNL(inb)) {
        j--;
        continue;
      }
      if (inb !== 0x3d) return corrupt(si - 1);
      // Padding: only after two or three symbols.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) return corrupt(si);
      return undefined;
    }
  }
  return undefined;
}
