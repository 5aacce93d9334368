/**
 * Collects the lines `kubectl get ... -w` prints, with the time each arrived, so tests can check
 * what a user watching the pod sees, in order.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestCluster } from './cluster.js';
import { eventually } from './cluster.js';

export interface WatchLine {
  at: number;
  text: string;
  cols: string[];
}

export class KubectlWatch {
  readonly lines: WatchLine[] = [];
  private proc: ChildProcess;
  private buf = '';

  constructor(c: TestCluster, args: string[]) {
    this.proc = c.kubectlBackground(['get', ...args, '-w']);
    this.proc.stdout!.on('data', (d: Buffer) => {
      this.buf += d.toString();
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const text = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        this.lines.push({ at: Date.now(), text, cols: text.trim().split(/\s{2,}|\s+(?=\S)/).filter(Boolean) });
      }
    });
  }

  /** Rows (not the header) whose text matches. */
  rows(re: RegExp): WatchLine[] {
    return this.lines.filter((l) => !l.text.startsWith('NAME') && re.test(l.text));
  }

  async waitFor(re: RegExp, ms = 30_000): Promise<WatchLine> {
    return eventually(() => this.rows(re)[0], ms, `a watch line matching ${re}:\n${this.lines.map((l) => l.text).join('\n')}`);
  }

  stop(): void {
    this.proc.kill('SIGTERM');
  }
}
