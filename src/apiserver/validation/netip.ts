/**
 * IP address parsing and classification as Go's `net` package (and k8s.io/utils/net's
 * "sloppy" parser, which tolerates leading zeros in IPv4) sees it, for the checks upstream
 * runs on Endpoints, EndpointSlices, Service external IPs and cluster IPs.
 */
import type { FieldError, Path } from '../../api/field.js';
import { invalid } from '../../api/field.js';

/** Parses an IPv4 or IPv6 literal into 16 bytes (IPv4 as ::ffff:a.b.c.d), or null. */
export function parseIPSloppy(s: string): Uint8Array | null {
  if (typeof s !== 'string' || s === '') return null;
  const v4 = parseIPv4(s);
  if (v4) {
    const out = new Uint8Array(16);
    out[10] = 0xff;
    out[11] = 0xff;
    out.set(v4, 12);
    return out;
  }
  return parseIPv6(s);
}

function parseIPv4(s: string): Uint8Array | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | null {
  if (!s.includes(':') || s.includes('%')) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    const pieces = h.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
      out.push(parseInt(piece, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  let all: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    all = head;
  }
  if (all.length !== 8) return null;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** True when the 16-byte address is an IPv4 (or IPv4-mapped) address. */
export function isV4(ip: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** True when the string parses as an IPv6 (not IPv4-mapped) address, like `netutils.IsIPv6String`. */
export function isIPv6String(s: string): boolean {
  const ip = parseIPSloppy(s);
  return ip !== null && !isV4(ip);
}

/** The address family of a parseable IP string: `IPv4`, `IPv6`, or undefined. */
export function ipFamilyOf(s: string): 'IPv4' | 'IPv6' | undefined {
  const ip = parseIPSloppy(s);
  if (!ip) return undefined;
  return isV4(ip) ? 'IPv4' : 'IPv6';
}

function classify(ip: Uint8Array): { unspecified: boolean; loopback: boolean; linkLocal: boolean; llMulticast: boolean } {
  if (isV4(ip)) {
    const [a, b, c, d] = [ip[12]!, ip[13]!, ip[14]!, ip[15]!];
    return {
      unspecified: a === 0 && b === 0 && c === 0 && d === 0,
      loopback: a === 127,
      linkLocal: a === 169 && b === 254,
      llMulticast: a === 224 && b === 0 && c === 0,
    };
  }
  const allZero = ip.slice(0, 15).every((x) => x === 0);
  return {
    unspecified: allZero && ip[15] === 0,
    loopback: allZero && ip[15] === 1,
    linkLocal: ip[0] === 0xfe && (ip[1]! & 0xc0) === 0x80,
    llMulticast: ip[0] === 0xff && (ip[1]! & 0x0f) === 0x02,
  };
}

/**
 * Upstream `ValidateNonSpecialIP`: rejects unparseable, unspecified, loopback, link-local and
 * link-local multicast addresses (used for endpoints and external IPs). skiff's one deviation:
 * with `allowLoopback` (endpoints), loopback addresses pass, because the process runtime gives
 * every pod its own 127.x address and the API server itself listens on loopback.
 */
export function validateNonSpecialIP(ipAddress: string, path: Path, allowLoopback = false): FieldError[] {
  const ip = parseIPSloppy(ipAddress);
  if (!ip) return [invalid(path, ipAddress, 'must be a valid IP address')];
  const c = classify(ip);
  const errs: FieldError[] = [];
  if (c.unspecified) errs.push(invalid(path, ipAddress, `may not be unspecified (${ipAddress})`));
  if (c.loopback && !allowLoopback) errs.push(invalid(path, ipAddress, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (c.linkLocal) errs.push(invalid(path, ipAddress, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (c.llMulticast)
    errs.push(invalid(path, ipAddress, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
