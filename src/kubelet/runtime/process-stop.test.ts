import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RuntimeNotFoundError } from './errors.js';
import { isProcessAlive } from './procfs.js';
import { containerConfig, runContainer, runIgnoringTerm, sandboxConfig, waitFor, withRuntime } from './testkit.js';

describe('ProcessRuntime.stopContainer', () => {
  it('SIGKILLs a process that ignores SIGTERM once the timeout has passed', () =>
    withRuntime(async (rt, h) => {
      // The notes' no-sigterm pod; as PID 1 in a container sh ignores SIGTERM, here the trap does.
      const id = await runIgnoringTerm(rt, h, 'no-sigterm', 'while true; do echo hello; sleep 10; done');
      const pid = (await rt.containerStatus(id))!.pid!;
      const t0 = Date.now();
      await rt.stopContainer(id, 1);
      const took = Date.now() - t0;
      assert.ok(took >= 1000, `waited the grace period (${took} ms)`);
      assert.ok(took < 4000, `then killed it (${took} ms)`);
      const s = await rt.containerStatus(id);
      assert.equal(s?.state, 'exited');
      assert.equal(s.exitCode, 137);
      assert.equal(s.signal, 9);
      assert.equal(s.reason, 'Error');
      assert.equal(isProcessAlive(pid), false);
      assert.match(readFileSync(s.logPath, 'utf8'), / stdout F hello\n/);
    }));

  it('stops a process that handles SIGTERM without waiting for the timeout', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'polite', ['sleep', '30']);
      const t0 = Date.now();
      await rt.stopContainer(id, 30);
      assert.ok(Date.now() - t0 < 3000);
      const s = await rt.containerStatus(id);
      assert.deepEqual([s?.state, s?.exitCode, s?.signal], ['exited', 143, 15]);
    }));

  it('kills at once with timeout 0, including the rest of the group', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'group', ['sh', '-c', 'trap "" TERM; sleep 31 & echo $!; wait']);
      const logPath = h.path('pods', 'group', '0.log');
      const bg = await waitFor('background pid in the log', () => {
        const m = / stdout F (\d+)\n/.exec(readFileSync(logPath, 'utf8'));
        return m ? Number(m[1]) : undefined;
      });
      h.trackPid(bg);
      const t0 = Date.now();
      await rt.stopContainer(id, 0);
      assert.ok(Date.now() - t0 < 1500);
      const s = await rt.containerStatus(id);
      assert.deepEqual([s?.exitCode, s?.signal], [137, 9]);
      await waitFor('the background child to die', () => (isProcessAlive(bg) ? undefined : true));
    }));

  it('is a no-op for created and exited containers, and rejects unknown ids', () =>
    withRuntime(async (rt, h) => {
      const sb = (await rt.runPodSandbox(sandboxConfig(h))).id;
      const created = await rt.createContainer(sb, containerConfig(h, 'created', ['true']));
      await rt.stopContainer(created, 0);
      assert.equal((await rt.containerStatus(created))?.state, 'created');
      const done = await runContainer(rt, h, 'done', ['true'], {}, sb);
      await waitFor('exit', async () => ((await rt.containerStatus(done))?.state === 'exited' ? true : undefined));
      const before = await rt.containerStatus(done);
      await rt.stopContainer(done, 0);
      assert.deepEqual(await rt.containerStatus(done), before);
      await assert.rejects(rt.stopContainer('no-such-id', 0), (err: Error) => err instanceof RuntimeNotFoundError);
    }));

  it('removeContainer force-stops a running container', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'doomed', ['sh', '-c', 'trap "" TERM; sleep 30']);
      const pid = (await rt.containerStatus(id))!.pid!;
      await rt.removeContainer(id);
      assert.equal(await rt.containerStatus(id), undefined);
      assert.equal(isProcessAlive(pid), false);
    }));

  it('concurrent stops of one container all resolve', () =>
    withRuntime(async (rt, h) => {
      const id = await runIgnoringTerm(rt, h, 'twice');
      await Promise.all([rt.stopContainer(id, 1), rt.stopContainer(id, 0)]);
      assert.equal((await rt.containerStatus(id))?.exitCode, 137);
    }));

  it('rejects a pending stop when the runtime is closed, leaving the container running', () =>
    withRuntime(async (rt, h) => {
      const id = await runIgnoringTerm(rt, h, 'stubborn');
      const pid = (await rt.containerStatus(id))!.pid!;
      const stopping = rt.stopContainer(id, 30);
      await new Promise((r) => setTimeout(r, 100));
      await rt.close();
      await assert.rejects(stopping, /the runtime is closed/);
      assert.equal(isProcessAlive(pid), true);
    }));
});

describe('ProcessRuntime with a PID namespace (container signal semantics)', { skip: process.getuid?.() !== 0 ? 'needs root for CLONE_NEWPID' : false }, () => {
  it('runs the container as PID 1, which ignores SIGTERM without a handler until SIGKILL', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'pid1', ['sh', '-c', 'echo pid=$$; while true; do sleep 1; done']);
      await waitFor('pid line', () => readFileSync(h.path('pods', 'pid1', '0.log'), 'utf8').includes('pid=1') || undefined);
      const t0 = Date.now();
      await rt.stopContainer(id, 1);
      const took = Date.now() - t0;
      assert.ok(took >= 900, `SIGTERM was ignored, SIGKILL came after the 1 s grace period (took ${took} ms)`);
      const s = await rt.containerStatus(id);
      assert.deepEqual([s?.state, s?.exitCode, s?.signal], ['exited', 137, 9]);
    }, { pidNamespace: true }));

  it('sends SIGTERM to PID 1 alone, as runc does: its children live on until SIGKILL', () =>
    withRuntime(async (rt, h) => {
      // With SIGTERM sent to the whole group, `sleep` would die, the shell would go on to print
      // "after" and exit 0 at once; in a real container the shell ignores SIGTERM, sleep keeps
      // running, and the container dies by SIGKILL when the grace period is over.
      const id = await runContainer(rt, h, 'pid1-only', ['sh', '-c', 'echo started; sleep 600; echo after']);
      const logPath = h.path('pods', 'pid1-only', '0.log');
      await waitFor('the started line', () => readFileSync(logPath, 'utf8').includes('started') || undefined);
      const t0 = Date.now();
      await rt.stopContainer(id, 1);
      const took = Date.now() - t0;
      assert.ok(took >= 900, `SIGKILL came only after the grace period (took ${took} ms)`);
      const s = await rt.containerStatus(id);
      assert.deepEqual([s?.exitCode, s?.signal], [137, 9]);
      assert.doesNotMatch(readFileSync(logPath, 'utf8'), /after/);
    }, { pidNamespace: true }));

  it('stops PID 1 at once when it handles SIGTERM', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'trap', ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done']);
      await new Promise((r) => setTimeout(r, 200));
      const t0 = Date.now();
      await rt.stopContainer(id, 30);
      assert.ok(Date.now() - t0 < 3000);
      const s = await rt.containerStatus(id);
      assert.equal(s?.exitCode, 0);
    }, { pidNamespace: true }));
});
