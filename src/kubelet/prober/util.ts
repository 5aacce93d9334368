/**
 * Small helpers shared by the probe handlers: upstream's container-port resolution and the Go
 * spellings (durations, quoted strings, network errors) that appear in probe event messages.
 */
import type { Container } from '../../api/types.js';

/** Result of resolving a probe's port: the number, or upstream's error text. */
export type PortResolution = { port: number; error?: undefined } | { port?: undefined; error: string };

/**
 * Upstream `probe.ResolveContainerPort`: a number is used as is; a string names one of the
 * container's ports, and failing that is parsed as a number (`strconv.Atoi`). The result must be
 * in 1..65535.
 */
export function resolveContainerPort(port: number | string | undefined, container: Container): PortResolution {
  let n: number;
  if (typeof port === 'number') {
    n = port;
  } else if (typeof port === 'string') {
    const named = container.ports?.find((p) => p.name === port);
    if (named) {
      n = named.containerPort ?? 0;
    } else {
      const parsed = goAtoi(port);
      if (parsed.error !== undefined) return { error: parsed.error };
      n = parsed.value;
    }
  } else {
    return { error: `intOrString had no kind: {Type:0 IntVal:0 StrVal:}` };
  }
  if (Number.isInteger(n) && n > 0 && n < 65536) return { port: n };
  return { error: `invalid port number: ${n}` };
}

/** Go's `strconv.Atoi` with its error messages. */
function goAtoi(s: string): { value: number; error?: undefined } | { value?: undefined; error: string } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` };
  const v = Number(s);
  if (Math.abs(v) > 2 ** 63 - 1) {
    return { error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  }
  return { value: v };
}

/** Go's `net.JoinHostPort`: brackets around IPv6 literals. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's `time.Duration.String()` for a duration in milliseconds (`1s`, `1m30s`, `500ms`). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = ms;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = `${Number((rest / 1000).toFixed(3))}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
  '"': '\\"', '\\': '\\\\',
};

/** Go's `%q` / `strconv.Quote` for the strings probes quote (commands, addresses). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = GO_ESCAPES[ch];
    if (esc) {
      out += esc;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/**
 * Go's wording of a failed TCP dial to `host:port` (`dial tcp 10.0.0.5:80: connect: connection
 * refused`), from a Node socket error.
 */
export function dialErrorMessage(err: unknown, host: string, port: number): string {
  const e = err as NodeJS.ErrnoException;
  const addr = joinHostPort(host, port);
  const code = e?.code ?? '';
  const why = CONNECT_ERRORS[code];
  if (why) return `dial tcp ${addr}: connect: ${why}`;
  if (code === 'ENOTFOUND') return `dial tcp: lookup ${host}: no such host`;
  if (code === 'EAI_AGAIN') return `dial tcp: lookup ${host}: server misbehaving`;
  return `dial tcp ${addr}: ${e?.message ?? String(err)}`;
}

/** Go's wording of a dial that ran out of time. */
export function dialTimeoutMessage(host: string, port: number): string {
  return `dial tcp ${joinHostPort(host, port)}: i/o timeout`;
}

/** True for the Node errors that mean the TCP connection itself could not be made. */
export function isDialError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const syscall = (err as NodeJS.ErrnoException)?.syscall ?? '';
  return code in CONNECT_ERRORS || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || syscall === 'connect';
}
