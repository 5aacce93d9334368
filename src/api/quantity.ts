/**
 * Kubernetes `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource): parsing of decimal SI,
 * binary SI and exponent forms, exact comparison and arithmetic on BigInt, and upstream's
 * canonical serialization (`0.5` → `500m`, `1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`).
 */

/** The three serialization families a quantity remembers from its input. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** Upstream `ErrFormatWrong`'s message. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
/** Upstream `ErrNumeric`'s message. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** Upstream `ErrSuffix`'s message. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** Thrown by `parseQuantity`; the message is upstream's. */
export class QuantityParseError extends Error {}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const BINARY_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const MAX_INT64 = (1n << 63n) - 1n;
const NANO = -9;
/** Largest decimal exponent materialized exactly; beyond it parsing fails with `ERR_NUMERIC`. */
const MAX_EXPONENT = 100_000;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Divides rounding away from zero (upstream rounds quantities "up" in magnitude). */
function divAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/** `coef × 10^exp`, rescaled to `10^scale` units, rounding away from zero. */
function rescale(coef: bigint, exp: number, scale: number): bigint {
  const d = exp - scale;
  if (d >= 0) return coef * pow10(d);
  if (coef === 0n) return 0n;
  if (-d > abs(coef).toString().length + 1) return coef < 0n ? -1n : 1n;
  return divAway(coef, pow10(-d));
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** Upstream `parseQuantityString`: splits sign, integer digits, fraction digits and suffix. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num || '0', denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i]!)) i++;
  if (i < end && (str[i] === '-' || str[i] === '+')) i++;
  while (i < end && isDigit(str[i])) i++;
  if (i < end) throw new QuantityParseError(ERR_FORMAT_WRONG);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** Upstream suffix interpretation: base, exponent and format, or null for an unknown suffix. */
function interpretSuffix(s: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | null {
  if (Object.hasOwn(DECIMAL_SUFFIXES, s)) return { base: 10, exponent: DECIMAL_SUFFIXES[s]!, format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, s)) return { base: 2, exponent: BINARY_SUFFIXES[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const parsed = BigInt(s.slice(1));
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return null;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return null;
}

/**
 * A fixed-point quantity: the value is `coef × 10^exp`. `exp` mirrors upstream's internal scale
 * (it matters for `roundUp`); `s` is the input string when upstream would re-emit it verbatim.
 */
export class Quantity {
  private constructor(
    private readonly coef: bigint,
    private readonly exp: number,
    /** The format the quantity serializes with. */
    readonly format: QuantityFormat,
    private readonly s?: string,
  ) {}

  /** Parses a quantity string exactly as upstream `ParseQuantity`; throws `QuantityParseError`. */
  static parse(str: string): Quantity {
    if (str.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI', '0');
    const { positive, value, num, denom, suffix } = scan(str);
    const suf = interpretSuffix(suffix);
    if (!suf) throw new QuantityParseError(ERR_SUFFIX);
    const { base, exponent } = suf;
    let format = suf.format;
    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (base === 10) {
      scale = exponent;
      precision = 18 - (num.length + denom.length);
    } else if (denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
    if (precision >= 0) {
      scale -= denom.length;
      if (scale >= NANO) {
        if (scale > MAX_EXPONENT) throw new QuantityParseError(ERR_NUMERIC);
        const shifted = num + denom;
        const digits = BigInt(shifted);
        const result = digits * mantissa;
        if (result <= MAX_INT64) {
          const signed = positive ? result : -result;
          const reuse =
            format === 'BinarySI'
              ? exponent % 10 === 0 && (digits & 7n) !== 0n
              : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
          return new Quantity(signed, scale, format, reuse ? str : undefined);
        }
      }
    }
    // The arbitrary-precision path: round up to nano units, cap binary values at int64.
    if (!/[0-9]/.test(value)) throw new QuantityParseError(ERR_NUMERIC);
    const digits = BigInt((num === '0' ? '' : num) + denom || '0');
    let nanos: bigint;
    if (base === 10) {
      if (exponent - denom.length > MAX_EXPONENT) throw new QuantityParseError(ERR_NUMERIC);
      nanos = rescale(digits, exponent - denom.length, NANO);
    } else {
      nanos = divAway(digits * (1n << BigInt(exponent)) * pow10(9), pow10(denom.length));
    }
    if (format === 'BinarySI' && nanos > MAX_INT64 * pow10(9)) nanos = MAX_INT64 * pow10(9);
    if (format === 'BinarySI' && nanos > 0n && nanos < pow10(9)) format = 'DecimalSI';
    return new Quantity(positive ? nanos : -nanos, NANO, format);
  }

  /** A quantity of `value` base units (upstream `NewQuantity`). */
  static fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), 0, format);
  }

  /** A quantity of `value` thousandths (upstream `NewMilliQuantity`). */
  static fromMilli(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), -3, format);
  }

  /** `ceil(q / 10^scale)` away from zero, as a BigInt (upstream `ScaledValue`). */
  scaledValue(scale: number): bigint {
    return rescale(this.coef, this.exp, scale);
  }

  /** The value in base units rounded up (upstream `Value()`), e.g. bytes or whole CPUs. */
  value(): number {
    return Number(this.scaledValue(0));
  }

  /** The value in thousandths rounded up (upstream `MilliValue()`), e.g. CPU millicores. */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** -1, 0 or 1 as this quantity is less than, equal to or greater than `other`. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const s1 = this.sign();
    const s2 = other.sign();
    if (s1 !== s2) return s1 < s2 ? -1 : 1;
    if (s1 === 0) return 0;
    // Compare magnitudes by leading-digit position first, so huge exponents stay cheap.
    const top1 = abs(this.coef).toString().length + this.exp;
    const top2 = abs(other.coef).toString().length + other.exp;
    if (top1 !== top2) return (top1 < top2 ? -s1 : s1) as -1 | 1;
    const e = Math.min(this.exp, other.exp);
    const a = this.coef * pow10(this.exp - e);
    const b = other.coef * pow10(other.exp - e);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  /** True when the two quantities have the same value, whatever their format. */
  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** -1, 0 or 1 by the sign of the value. */
  sign(): -1 | 0 | 1 {
    return this.coef === 0n ? 0 : this.coef < 0n ? -1 : 1;
  }

  /** True when the value is zero. */
  isZero(): boolean {
    return this.coef === 0n;
  }

  /** The sum; a zero receiver takes the other's format (upstream `Add`). */
  add(other: Quantity): Quantity {
    const e = Math.min(this.exp, other.exp);
    const coef = this.coef * pow10(this.exp - e) + other.coef * pow10(other.exp - e);
    return new Quantity(coef, e, this.isZero() ? other.format : this.format);
  }

  /** The difference (upstream `Sub`). */
  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  /** The negated value. */
  neg(): Quantity {
    return new Quantity(-this.coef, this.exp, this.format);
  }

  /** Rounds up to `10^scale` units (upstream `RoundUp`; defaulting uses scale -3 for milli). */
  roundUp(scale: number): Quantity {
    if (this.exp >= scale) return this;
    return new Quantity(rescale(this.coef, this.exp, scale), scale, this.format);
  }

  /** The canonical string (or the input, when upstream keeps it), e.g. `500m`, `1Gi`, `12e6`. */
  toString(): string {
    return this.s ?? this.canonical();
  }

  /** JSON form: the string, as upstream marshals quantities. */
  toJSON(): string {
    return this.toString();
  }

  private canonical(): string {
    if (this.coef === 0n) return '0';
    if (this.format === 'BinarySI') {
      const inSmallRange = this.cmp(Quantity.fromValue(-1024)) > 0 && this.cmp(Quantity.fromValue(1024)) < 0;
      const whole = this.scaledValue(0);
      if (!inSmallRange && new Quantity(whole, 0, 'BinarySI').cmp(this) === 0) {
        let n = whole;
        let times = 0;
        while (n % 1024n === 0n) {
          n /= 1024n;
          times++;
        }
        return `${n}${BINARY_BY_EXP[times] ?? ''}`;
      }
    }
    let m = this.coef;
    let e = this.exp;
    while (m % 10n === 0n) {
      m /= 10n;
      e++;
    }
    while (e % 3 !== 0) {
      m *= 10n;
      e--;
    }
    if (this.format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
    return `${m}${DECIMAL_BY_EXP.get(e) ?? ''}`;
  }
}

/** Parses a quantity string (upstream `ParseQuantity`); throws `QuantityParseError` with upstream's message. */
export function parseQuantity(s: string): Quantity {
  return Quantity.parse(s);
}

/** Parses a quantity, or returns undefined when the string is malformed. */
export function tryParseQuantity(s: string): Quantity | undefined {
  try {
    return Quantity.parse(s);
  } catch (e) {
    if (e instanceof QuantityParseError) return undefined;
    throw e;
  }
}

/** Decodes a quantity from JSON as upstream `UnmarshalJSON` does: a string (trimmed) or a bare number. */
export function quantityFromJSON(v: unknown): Quantity {
  if (typeof v === 'number') return Quantity.parse(String(v));
  if (typeof v === 'string') return Quantity.parse(v.trim());
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}
