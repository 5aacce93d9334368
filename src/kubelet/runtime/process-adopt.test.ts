import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ProcessRuntime } from './process.js';
import { isProcessAlive, killProcessGroup } from './procfs.js';
import type { StartedRecord } from './state.js';
import { Harness, containerConfig, sandboxConfig, waitFor } from './testkit.js';
import type { ContainerStatus } from './types.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs crash-child in a separate Node process and returns its pid and printed ids. */
async function startCrashChild(h: Harness): Promise<{ pid: number; ids: Record<string, string> }> {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  const script = join(dirname(here), `crash-child.${ts ? 'ts' : 'js'}`);
  const pkgRoot = dirname(dirname(h.shimPath));
  const child = spawn(process.execPath, [...(ts ? ['--import', 'tsx'] : []), script, h.path('runtime'), h.shimPath, h.path('logs')], {
    cwd: pkgRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  h.trackPid(child.pid);
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`crash-child exited early (${code})`)));
  });
  return { pid: child.pid!, ids: JSON.parse(line) as Record<string, string> };
}

describe('ProcessRuntime re-adoption', () => {
  it('re-adopts running containers and records exits that happened meanwhile', async () => {
    const h = new Harness();
    try {
      const opts = { root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false, relistIntervalMs: 100 };
      const rt1 = h.track(new ProcessRuntime(opts));
      await rt1.init();
      const sb = await rt1.runPodSandbox(sandboxConfig(h));
      const sleeper = await rt1.createContainer(sb.id, containerConfig(h, 'sleeper', ['sleep', '30']));
      const quick = await rt1.createContainer(sb.id, containerConfig(h, 'quick', ['sh', '-c', 'sleep 0.3; exit 7']));
      const created = await rt1.createContainer(sb.id, containerConfig(h, 'created', ['true']));
      await rt1.startContainer(sleeper);
      await rt1.startContainer(quick);
      const before = (await rt1.containerStatus(sleeper))!;
      await rt1.close(); // drop the runtime; nothing is killed

      await waitFor('the exit notice of the quick container', () => (existsSync(h.path('runtime', 'exits', quick)) ? true : undefined));
      assert.equal(isProcessAlive(before.pid!), true, 'closing the runtime left the container running');

      const rt2 = h.track(new ProcessRuntime(opts));
      const events: ContainerStatus[] = [];
      rt2.on('exit', (s) => events.push(s));
      await rt2.init();
      const s = await rt2.containerStatus(sleeper);
      assert.equal(s?.state, 'running');
      assert.equal(s.pid, before.pid);
      assert.equal(s.startedAt, before.startedAt);
      const q = await rt2.containerStatus(quick);
      assert.deepEqual([q?.state, q?.exitCode, q?.reason], ['exited', 7, 'Error']);
      assert.ok(q?.finishedAt && q.finishedAt > q.startedAt!);
      assert.equal((await rt2.containerStatus(created))?.state, 'created');
      assert.deepEqual(events.map((e) => [e.id, e.exitCode]), [[quick, 7]], 'the missed exit is reported once');
      assert.equal(existsSync(h.path('runtime', 'exits', quick)), false);
      assert.deepEqual((await rt2.listPodSandboxes()).map((x) => [x.id, x.ip]), [[sb.id, sb.ip]]);

      // The adopted container is fully manageable.
      await rt2.stopContainer(sleeper, 5);
      assert.deepEqual([(await rt2.containerStatus(sleeper))?.exitCode, events.length], [143, 2]);
      await rt2.startContainer(created);
      await waitFor('created container to run and exit', async () =>
        (await rt2.containerStatus(created))?.exitCode === 0 ? true : undefined,
      );
    } finally {
      await h.cleanup();
    }
  });

  it('survives kill -9 of the process that ran the runtime', async () => {
    const h = new Harness();
    try {
      const { pid, ids } = await startCrashChild(h);
      process.kill(pid, 'SIGKILL');
      await waitFor('the quick container to exit unsupervised', () =>
        existsSync(h.path('runtime', 'exits', ids.quick)) ? true : undefined,
      );
      const rt = h.track(new ProcessRuntime({ root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false }));
      await rt.init();
      const s = await rt.containerStatus(ids.sleeper);
      assert.equal(s?.state, 'running');
      assert.ok(s.pid && isProcessAlive(s.pid));
      const q = await rt.containerStatus(ids.quick);
      assert.deepEqual([q?.state, q?.exitCode], ['exited', 3]);
      assert.match(readFileSync(h.path('logs', 'quick.log'), 'utf8'), / stdout F bye\n/);
      assert.equal((await rt.listPodSandboxes())[0]?.ip, ids.ip);
      await rt.stopContainer(ids.sleeper, 0);
      assert.equal((await rt.containerStatus(ids.sleeper))?.signal, 9);
    } finally {
      await h.cleanup();
    }
  });

  it('keeps pod IPs across restarts and releases them on removal', async () => {
    const h = new Harness();
    try {
      const opts = { root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false };
      const rt1 = h.track(new ProcessRuntime(opts));
      await rt1.init();
      const a = await rt1.runPodSandbox(sandboxConfig(h, 'a'));
      const b = await rt1.runPodSandbox(sandboxConfig(h, 'b'));
      await rt1.close();
      const rt2 = h.track(new ProcessRuntime(opts));
      await rt2.init();
      const ips = Object.fromEntries((await rt2.listPodSandboxes()).map((s) => [s.name, s.ip]));
      assert.deepEqual(ips, { a: a.ip, b: b.ip });
      const c = await rt2.runPodSandbox(sandboxConfig(h, 'c'));
      assert.ok(![a.ip, b.ip].includes(c.ip), `new pods get a fresh IP (${c.ip})`);
      await rt2.removePodSandbox(a.id);
      await rt2.close();
      const rt3 = h.track(new ProcessRuntime(opts));
      await rt3.init();
      assert.deepEqual((await rt3.listPodSandboxes()).map((s) => s.ip).sort(), [b.ip, c.ip].sort());
    } finally {
      await h.cleanup();
    }
  });

  it('checks the shims\' liveness only every shimCheckEvery periods', async () => {
    const h = new Harness();
    try {
      const rt = h.track(new ProcessRuntime({ root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false, relistIntervalMs: 50, shimCheckEvery: 20 }));
      await rt.init();
      const sb = await rt.runPodSandbox(sandboxConfig(h));
      const id = await rt.createContainer(sb.id, containerConfig(h, 'orphan', ['sleep', '30']));
      await rt.startContainer(id);
      const started = JSON.parse(readFileSync(h.path('runtime', 'containers', id, 'started.json'), 'utf8')) as StartedRecord;
      process.kill(started.shimPid, 'SIGKILL');
      killProcessGroup(started.pid, 'SIGKILL');
      await sleep(400);
      assert.equal((await rt.containerStatus(id))?.state, 'running', 'not checked yet (every 20 × 50 ms)');
      await waitFor('the synthesized exit', async () => ((await rt.containerStatus(id))?.state === 'exited' ? true : undefined));
    } finally {
      await h.cleanup();
    }
  });

  it('records an unknown exit when the shim died and the process is gone', async () => {
    const h = new Harness();
    try {
      const rt = h.track(new ProcessRuntime({ root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false, relistIntervalMs: 50 }));
      await rt.init();
      const events: ContainerStatus[] = [];
      rt.on('exit', (s) => events.push(s));
      const sb = await rt.runPodSandbox(sandboxConfig(h));
      const id = await rt.createContainer(sb.id, containerConfig(h, 'orphan', ['sleep', '30']));
      await rt.startContainer(id);
      const started = JSON.parse(readFileSync(h.path('runtime', 'containers', id, 'started.json'), 'utf8')) as StartedRecord;
      process.kill(started.shimPid, 'SIGKILL');
      await sleep(200);
      assert.equal((await rt.containerStatus(id))?.state, 'running', 'the orphaned process still runs');
      killProcessGroup(started.pid, 'SIGKILL');
      const s = await waitFor('the synthesized exit', async () => {
        const x = await rt.containerStatus(id);
        return x?.state === 'exited' ? x : undefined;
      });
      assert.equal(s.exitCode, 255);
      assert.equal(s.reason, 'Error');
      assert.match(s.message ?? '', /exit status unknown/);
      assert.equal(events.length, 1);
    } finally {
      await h.cleanup();
    }
  });
});
