/**
 * End-to-end test harness: starts a real `skiff server` process in a temp dir on a free port,
 * runs the real kubectl against it, and removes everything at the end (even on failure).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { killAllContainers } from '../../src/kubelet/runtime/reset.js';
import { readKubeconfig } from '../../src/server/kubeconfig.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SKIFF_BIN = join(ROOT, 'bin', 'skiff.js');

export interface ClusterOptions {
  args?: string[];
  dataDir?: string;
  env?: Record<string, string>;
  /** The pod IP range (default: a /24 of its own, room for 254 pods). */
  podRange?: string;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class TestCluster {
  static count = 0;
  proc?: ChildProcess;
  dir: string;
  dataDir: string;
  home: string;
  kubeconfig = '';
  port = 0;
  logs = '';
  private agent?: Agent;
  /** Each test cluster gets its own pod IP range, so clusters running side by side never share an address. */
  readonly podRange: string;

  constructor(private opts: ClusterOptions = {}) {
    this.podRange = opts.podRange ?? `127.${100 + (process.pid % 100)}.${TestCluster.count++ % 256}.0/24`;
    this.dir = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
    this.dataDir = opts.dataDir ?? join(this.dir, 'data');
    this.home = join(this.dir, 'home');
  }

  /** Starts the server and waits for its ready line. */
  async start(): Promise<this> {
    const args = [SKIFF_BIN, 'server', '--data-dir', this.dataDir, '--api-port', '0', '--pod-ip-range', this.podRange, ...(this.opts.args ?? [])];
    const proc = spawn(process.execPath, args, {
      env: { ...process.env, SKIFF_LOG_LEVEL: process.env.SKIFF_LOG_LEVEL ?? 'info', ...this.opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`skiff server did not become ready in 20s:\n${this.logs}`)), 20_000);
      const onData = (chunk: Buffer) => {
        this.logs += chunk.toString();
        for (const line of this.logs.split('\n')) {
          if (!line.includes('skiff is ready')) continue;
          try {
            const j = JSON.parse(line) as { port: number; kubeconfig: string };
            this.port = j.port;
            this.kubeconfig = j.kubeconfig;
            clearTimeout(timer);
            resolveReady();
            return;
          } catch {
            // partial line
          }
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (c: Buffer) => (this.logs += c.toString()));
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`skiff server exited with ${code}:\n${this.logs}`));
      });
    });
    proc.removeAllListeners('exit');
    return this;
  }

  kubectl(args: string[], input?: string): KubectlResult {
    const r = spawnSync('kubectl', args, {
      input,
      env: { ...process.env, KUBECONFIG: this.kubeconfig, HOME: this.home },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  /** Runs kubectl and throws with its output when it fails. */
  k(args: string[], input?: string): string {
    const r = this.kubectl(args, input);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Runs kubectl without blocking the event loop (so watches in the test keep being read). */
  kubectlAsync(args: string[]): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const p = this.kubectlBackground(args);
      let stdout = '';
      let stderr = '';
      p.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Starts kubectl in the background (for -w / -f); returns the process. */
  kubectlBackground(args: string[]): ChildProcess {
    return spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: this.kubeconfig, HOME: this.home }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** A raw HTTPS request with the admin certificate. */
  async api(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
    if (!this.agent) {
      const kc = readKubeconfig(this.kubeconfig);
      this.agent = new Agent({ connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
    }
    const res = await request(`https://127.0.0.1:${this.port}${path}`, {
      method: method as 'GET',
      dispatcher: this.agent,
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: res.statusCode, body: await res.body.text(), headers: res.headers };
  }

  /** SIGKILLs the server (for durability tests). */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  /** Stops the server with SIGTERM (SIGKILL after 10 s); returns its exit code. */
  async stop(): Promise<number | null> {
    await this.agent?.close();
    this.agent = undefined;
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return p?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
    p.kill('SIGTERM');
    const t = setTimeout(() => p.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(t);
    return code;
  }

  async cleanup(): Promise<void> {
    await this.stop();
    // Workloads outlive the server by design (a restart re-adopts them): stop them by their recorded pids.
    killAllContainers(join(this.dataDir, 'runtime'));
    // The temporary directory holds the home (and the data, unless the caller gave its own).
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function eventually<T>(fn: () => T | Promise<T>, ms = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
