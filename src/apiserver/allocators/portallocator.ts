/**
 * NodePort allocation from the node-port range (default 30000-32767): unique while held,
 * random for dynamic requests, with upstream's error wording for taken or out-of-range ports.
 */
import { AllocationError } from './ipallocator.js';

export interface PortRange {
  base: number;
  size: number;
  text: string;
}

export function parsePortRange(text: string): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2]) : NaN;
  if (!m || lo < 1 || hi > 65535 || hi < lo) throw new Error(`invalid port range ${JSON.stringify(text)} (expected e.g. 30000-32767)`);
  return { base: lo, size: hi - lo + 1, text: `${lo}-${hi}` };
}

export class PortAllocator {
  readonly range: PortRange;
  private used = new Set<number>();

  constructor(range: string) {
    this.range = parsePortRange(range);
  }

  contains(port: number): boolean {
    return port >= this.range.base && port < this.range.base + this.range.size;
  }

  has(port: number): boolean {
    return this.used.has(port);
  }

  allocate(port: number): void {
    if (!this.contains(port)) {
      throw new AllocationError(`provided port is not in the valid range. The range of valid ports is ${this.range.text}`);
    }
    if (this.used.has(port)) throw new AllocationError('provided port is already allocated');
    this.used.add(port);
  }

  allocateNext(): number {
    if (this.used.size >= this.range.size) throw new AllocationError('range is full');
    const start = Math.floor(Math.random() * this.range.size);
    for (let i = 0; i < this.range.size; i++) {
      const p = this.range.base + ((start + i) % this.range.size);
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
    throw new AllocationError('range is full');
  }

  release(port: number): void {
    this.used.delete(port);
  }
}
