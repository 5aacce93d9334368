/**
 * ClusterIP allocation from the service CIDR (IPv4), as kube-apiserver's allocator: the
 * network and broadcast addresses are never handed out, dynamic allocation prefers the upper
 * part of the range so that the lower part stays free for IPs users ask for, and every
 * address is unique while a Service holds it.
 */

export function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr {
  base: number;
  bits: number;
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr {
  const [ip, bitsText] = text.split('/');
  const base = ipToInt(ip ?? '');
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 30) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(text)} (expected e.g. 10.96.0.0/12)`);
  const size = 2 ** (32 - bits);
  const masked = base - (base % size);
  return { base: masked, bits, size, text: `${intToIp(masked)}/${bits}` };
}

export function cidrContains(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= c.base && n < c.base + c.size;
}

/** The first usable address of a service CIDR: the `kubernetes` Service's cluster IP. */
export function kubernetesServiceIp(serviceCidr: string): string {
  return intToIp(parseCidr(serviceCidr).base + 1);
}

export class AllocationError extends Error {}

export class IpAllocator {
  readonly cidr: Cidr;
  private used = new Set<number>();
  /** Offsets [1, size-2] are allocatable; offsets below `staticEnd` are preferred for requests. */
  private staticEnd: number;

  constructor(cidr: string) {
    this.cidr = parseCidr(cidr);
    const usable = this.cidr.size - 2;
    this.staticEnd = Math.min(Math.max(16, Math.floor(usable / 16)), 256);
  }

  /** The first usable address: reserved for the `kubernetes` Service. */
  first(): string {
    return intToIp(this.cidr.base + 1);
  }

  get free(): number {
    return this.cidr.size - 2 - this.used.size;
  }

  has(ip: string): boolean {
    const n = ipToInt(ip);
    return n !== undefined && this.used.has(n);
  }

  /** Reserves a specific IP; throws AllocationError with upstream's wording when it cannot. */
  allocate(ip: string): void {
    const n = ipToInt(ip);
    if (n === undefined) throw new AllocationError(`failed to allocate IP ${ip}: not a valid IP address`);
    if (n <= this.cidr.base || n >= this.cidr.base + this.cidr.size - 1) {
      throw new AllocationError(
        `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`,
      );
    }
    if (this.used.has(n)) throw new AllocationError(`failed to allocate IP ${ip}: provided IP is already allocated`);
    this.used.add(n);
  }

  /** Picks a free IP, preferring the dynamic (upper) block. */
  allocateNext(): string {
    const usable = this.cidr.size - 2;
    if (this.used.size >= usable) throw new AllocationError('range is full');
    const tryBlock = (from: number, to: number): string | undefined => {
      const span = to - from;
      if (span <= 0) return undefined;
      const start = from + Math.floor(Math.random() * span);
      for (let i = 0; i < span; i++) {
        const off = from + ((start - from + i) % span);
        const n = this.cidr.base + off;
        if (!this.used.has(n)) {
          this.used.add(n);
          return intToIp(n);
        }
      }
      return undefined;
    };
    const split = Math.min(1 + this.staticEnd, usable + 1);
    const ip = tryBlock(split, usable + 1) ?? tryBlock(1, split);
    if (!ip) throw new AllocationError('range is full');
    return ip;
  }

  release(ip: string): void {
    const n = ipToInt(ip);
    if (n !== undefined) this.used.delete(n);
  }
}
