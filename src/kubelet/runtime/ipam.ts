/**
 * Pod IP allocation for the process runtime: every pod sandbox gets its own address from an IPv4
 * range (by default loopback addresses, 127.10.0.0/16). The network and broadcast addresses are
 * never handed out; allocation goes round-robin like the host-local IPAM plugin, so a freed
 * address is not reused at once.
 */

/** Default pod address range: loopback, so pods can bind their own IP without any setup. */
export const DEFAULT_POD_IP_RANGE = '127.10.0.0/16';

/** Converts a dotted IPv4 address to a 32-bit unsigned number, or undefined if malformed. */
export function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Converts a 32-bit unsigned number to a dotted IPv4 address. */
export function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** An IPv4 range from CIDR notation; host bits in the address are masked off, as Go's ParseCIDR does. */
export interface Ipv4Range {
  cidr: string;
  /** First and last usable addresses (network and broadcast excluded). */
  first: number;
  last: number;
}

/** Parses an IPv4 CIDR such as `127.10.0.0/16`; throws a precise error when it is unusable. */
export function parseIpv4Range(cidr: string): Ipv4Range {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(cidr);
  const base = m ? ipv4ToNumber(m[1]) : undefined;
  const prefix = m ? Number(m[2]) : NaN;
  if (base === undefined || !(prefix >= 0 && prefix <= 32)) {
    throw new Error(`invalid podIpRange "${cidr}": must be an IPv4 CIDR such as ${DEFAULT_POD_IP_RANGE}`);
  }
  if (prefix > 30) {
    throw new Error(`invalid podIpRange "${cidr}": the range has no usable addresses (prefix must be at most /30)`);
  }
  const size = 2 ** (32 - prefix);
  const network = Math.floor(base / size) * size;
  return { cidr: `${numberToIpv4(network)}/${prefix}`, first: network + 1, last: network + size - 2 };
}

/** The set of addresses in use in one range, with round-robin allocation. */
export class IpPool {
  readonly range: Ipv4Range;
  private readonly used = new Set<number>();
  private cursor: number;

  constructor(cidr: string = DEFAULT_POD_IP_RANGE) {
    this.range = parseIpv4Range(cidr);
    this.cursor = this.range.first - 1;
  }

  /** Marks an address as taken (state loaded after a restart); false if it is outside the range. */
  reserve(ip: string): boolean {
    const n = ipv4ToNumber(ip);
    if (n === undefined || n < this.range.first || n > this.range.last) return false;
    this.used.add(n);
    if (n > this.cursor) this.cursor = n;
    return true;
  }

  /** Hands out the next free address after the last one handed out, wrapping around. */
  allocate(): string {
    const { first, last } = this.range;
    const total = last - first + 1;
    for (let i = 1; i <= total; i++) {
      const n = first + ((this.cursor - first + i) % total);
      if (!this.used.has(n)) {
        this.used.add(n);
        this.cursor = n;
        return numberToIpv4(n);
      }
    }
    throw new Error(`no free IP address left in podIpRange ${this.range.cidr}`);
  }

  /** Returns an address to the pool (no-op for unknown addresses). */
  release(ip: string): void {
    const n = ipv4ToNumber(ip);
    if (n !== undefined) this.used.delete(n);
  }

  /** Whether an address is currently allocated. */
  has(ip: string): boolean {
    const n = ipv4ToNumber(ip);
    return n !== undefined && this.used.has(n);
  }

  /** How many addresses are allocated. */
  get size(): number {
    return this.used.size;
  }
}
