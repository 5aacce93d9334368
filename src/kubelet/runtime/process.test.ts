import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCriLine } from './cri-log.js';
import { ContainerStartError, RuntimeNotFoundError } from './errors.js';
import { ProcessRuntime } from './process.js';
import { isProcessAlive, readProcStat } from './procfs.js';
import {
  Harness,
  containerConfig,
  runContainer,
  sandboxConfig,
  waitExited,
  waitFor,
  withRuntime,
} from './testkit.js';
import type { ContainerStatus } from './types.js';

function logLines(path: string): ReturnType<typeof parseCriLine>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => parseCriLine(l));
}

describe('ProcessRuntime options', () => {
  it('rejects bad options with precise errors', async () => {
    const h = new Harness();
    try {
      assert.throws(() => new ProcessRuntime({ root: '' }), /^Error: ProcessRuntime: option "root" is required/);
      assert.throws(
        () => new ProcessRuntime({ root: h.root, shimPath: h.path('nope', 'skiff-shim') }),
        (err: Error) => err.message.includes('skiff-shim binary not found at') && err.message.includes('npm run build'),
      );
      writeFileSync(h.path('not-exec'), '');
      assert.throws(
        () => new ProcessRuntime({ root: h.root, shimPath: h.path('not-exec') }),
        /skiff-shim binary is not executable at .*npm run build/,
      );
      const base = { root: h.root, shimPath: h.shimPath };
      assert.throws(() => new ProcessRuntime({ ...base, podIpRange: '127.10.0.0/40' }), /invalid podIpRange "127.10.0.0\/40"/);
      assert.throws(
        () => new ProcessRuntime({ ...base, relistIntervalMs: 0 }),
        /^Error: ProcessRuntime: option "relistIntervalMs" must be a positive integer, got 0$/,
      );
      assert.throws(() => new ProcessRuntime({ ...base, defaultWorkingDir: 'rel' }), /"defaultWorkingDir" must be an absolute path/);
      assert.throws(
        () => new ProcessRuntime({ ...base, execSyncMode: 'fork' as 'spawn' }),
        /"execSyncMode" must be "helper" or "spawn", got "fork"/,
      );
    } finally {
      await h.cleanup();
    }
  });

  it('must be initialised once before use, and reports its version', async () => {
    const h = new Harness();
    try {
      const rt = h.track(new ProcessRuntime({ root: h.path('runtime'), shimPath: h.shimPath, pidNamespace: false }));
      await assert.rejects(rt.listContainers(), /call init\(\) before use/);
      await rt.init();
      await assert.rejects(rt.init(), /may only be called once/);
      assert.deepEqual(rt.info(), {
        runtimeName: 'skiff-process',
        runtimeVersion: '0.1.0',
        containerRuntimeVersion: 'skiff-process://0.1.0',
      });
      await rt.close();
      await assert.rejects(rt.listPodSandboxes(), /the runtime is closed/);
    } finally {
      await h.cleanup();
    }
  });
});

describe('ProcessRuntime containers', () => {
  it('runs a container in its own process group, detached from the runtime session', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'sleeper', ['sleep', '30']);
      const s = await rt.containerStatus(id);
      assert.equal(s?.state, 'running');
      assert.ok(s.pid && isProcessAlive(s.pid));
      const st = readProcStat(s.pid);
      assert.equal(st?.pgrp, s.pid, 'the container leads its own process group');
      assert.notEqual(st?.session, readProcStat(process.pid)?.session, 'the shim runs in its own session');
      assert.ok(s.startedAt && s.startedAt >= s.createdAt);
      assert.equal(s.exitCode, undefined);
    }));

  it('records exit codes, signals and reasons', () =>
    withRuntime(async (rt, h) => {
      const sb = (await rt.runPodSandbox(sandboxConfig(h))).id;
      const ok = await runContainer(rt, h, 'ok', ['true'], {}, sb);
      const fail = await runContainer(rt, h, 'fail', ['sh', '-c', 'exit 3'], {}, sb);
      const killed = await runContainer(rt, h, 'killed', ['sh', '-c', 'kill -9 $$'], {}, sb);
      const sOk = await waitExited(rt, ok);
      assert.equal(sOk.exitCode, 0);
      assert.equal(sOk.reason, 'Completed');
      assert.equal(sOk.signal, undefined);
      assert.equal(sOk.pid, undefined);
      assert.ok(sOk.finishedAt! >= sOk.startedAt!);
      const sFail = await waitExited(rt, fail);
      assert.deepEqual([sFail.exitCode, sFail.reason, sFail.signal], [3, 'Error', undefined]);
      const sKilled = await waitExited(rt, killed);
      assert.deepEqual([sKilled.exitCode, sKilled.reason, sKilled.signal], [137, 'Error', 9]);
    }));

  it('reports a missing command as StartError with exit code 128', () =>
    withRuntime(async (rt, h) => {
      const events: ContainerStatus[] = [];
      rt.on('exit', (s) => events.push(s));
      const sb = (await rt.runPodSandbox(sandboxConfig(h))).id;
      const id = await rt.createContainer(sb, containerConfig(h, 'missing', ['foo-no-such-binary']));
      await assert.rejects(rt.startContainer(id), (err: Error) => {
        assert.ok(err instanceof ContainerStartError);
        assert.equal(err.message, 'unable to start container process: exec: "foo-no-such-binary": executable file not found in $PATH');
        return true;
      });
      const s = await rt.containerStatus(id);
      assert.equal(s?.state, 'exited');
      assert.equal(s.exitCode, 128);
      assert.equal(s.reason, 'StartError');
      assert.equal(s.startedAt, undefined);
      assert.ok(s.finishedAt);
      assert.deepEqual(events.map((e) => e.id), [id]);

      const rel = await rt.createContainer(sb, containerConfig(h, 'rel', ['./nope']));
      await assert.rejects(rt.startContainer(rel), /exec: "\.\/nope": stat \.\/nope: no such file or directory$/);
      writeFileSync(h.path('plain'), 'x');
      const noexec = await rt.createContainer(sb, containerConfig(h, 'noexec', [h.path('plain')]));
      await assert.rejects(rt.startContainer(noexec), /: permission denied$/);
      const badcwd = await rt.createContainer(sb, containerConfig(h, 'badcwd', ['true'], { workingDir: h.path('nodir') }));
      await assert.rejects(rt.startContainer(badcwd), /chdir to cwd .* failed: no such file or directory/);
      await assert.rejects(rt.startContainer(id), /cannot be started: it is in exited state/);
    }));

  it('writes stdout and stderr to the log in CRI format, splitting long lines', () =>
    withRuntime(async (rt, h) => {
      const script = [
        "head -c 20000 /dev/zero | tr '\\0' a; echo",
        "head -c 16384 /dev/zero | tr '\\0' b; echo",
        'echo out',
        "printf 'crlf\\r\\n'",
        'echo err >&2',
        'echo',
        "printf 'tail'",
      ].join('; ');
      const id = await runContainer(rt, h, 'logger', ['sh', '-c', script]);
      const s = await waitExited(rt, id);
      const lines = logLines(s.logPath);
      const out = lines.filter((l) => l.stream === 'stdout').map((l) => [l.partial ? 'P' : 'F', l.content.toString()]);
      assert.deepEqual(out, [
        ['P', 'a'.repeat(16384)],
        ['F', 'a'.repeat(20000 - 16384)],
        ['F', 'b'.repeat(16384)],
        ['F', 'out'],
        ['F', 'crlf'],
        ['F', ''],
        ['P', 'tail'],
      ]);
      const err = lines.filter((l) => l.stream === 'stderr');
      assert.deepEqual(err.map((l) => [l.partial, l.content.toString()]), [[false, 'err']]);
      const raw = readFileSync(s.logPath, 'utf8').split('\n').find((l) => l.includes(' stdout '));
      assert.match(raw ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z stdout P a{16384}$/);
      for (const l of lines) assert.ok(l.timeNs >= BigInt(s.startedAt! - 1) * 1_000_000n);
    }));

  it('honours maxLogLineBytes', () =>
    withRuntime(
      async (rt, h) => {
        const id = await runContainer(rt, h, 'short', ['sh', '-c', 'echo abcdefghijKLM; echo 0123456789']);
        const s = await waitExited(rt, id);
        assert.deepEqual(
          logLines(s.logPath).map((l) => `${l.partial ? 'P' : 'F'}:${l.content.toString()}`),
          ['P:abcdefghij', 'F:KLM', 'F:0123456789'],
        );
      },
      { maxLogLineBytes: 10 },
    ));

  it('reopens the log file on request (log rotation)', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'rotating', ['sh', '-c', 'i=0; while true; do echo line$i; i=$((i+1)); sleep 0.02; done']);
      const logPath = h.path('pods', 'rotating', '0.log');
      await waitFor('some output', () => (readFileSync(logPath, 'utf8').length > 0 ? true : undefined));
      renameSync(logPath, `${logPath}.1`);
      await rt.reopenContainerLog(id);
      await waitFor('output in the new file', () => (existsSync(logPath) && readFileSync(logPath, 'utf8').length > 0 ? true : undefined));
      await rt.stopContainer(id, 0);
      const old = logLines(`${logPath}.1`).map((l) => Number(l.content.toString().slice(4)));
      const fresh = logLines(logPath).map((l) => Number(l.content.toString().slice(4)));
      assert.ok(old.length > 0 && fresh.length > 0);
      assert.ok(fresh[0] > old[old.length - 1], 'the new file continues where the old one stopped');
      await assert.rejects(rt.reopenContainerLog(id), /is not running/);
    }));

  it('gives the process its environment and working directory', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'env', ['sh', '-c', 'echo "$HOSTNAME|$FOO|$PATH"; pwd'], {
        env: [['FOO', 'one'], ['FOO', 'two']],
        workingDir: h.root,
      });
      const s = await waitExited(rt, id);
      const [first, second] = logLines(s.logPath).map((l) => l.content.toString());
      assert.equal(first, 'pod-env|two|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
      assert.equal(second, h.root);
      const dflt = await runContainer(rt, h, 'cwd', ['pwd']);
      const d = await waitExited(rt, dflt);
      assert.equal(logLines(d.logPath)[0].content.toString(), '/');
    }));

  it('kills the rest of the process group when the main process exits', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'bg', ['sh', '-c', 'sleep 30 & echo $!; exit 0']);
      const s = await waitExited(rt, id);
      const bgPid = Number(logLines(s.logPath)[0].content.toString());
      assert.ok(bgPid > 0);
      h.trackPid(bgPid);
      await waitFor('background process to die', () => (isProcessAlive(bgPid) ? undefined : true));
    }));

  it('emits exit exactly once per container exit', () =>
    withRuntime(
      async (rt, h) => {
        const events: ContainerStatus[] = [];
        rt.on('exit', (s) => events.push(s));
        const id = await runContainer(rt, h, 'once', ['sh', '-c', 'exit 2']);
        await waitFor('exit event', () => (events.length > 0 ? true : undefined));
        await new Promise((r) => setTimeout(r, 400)); // several relist periods
        assert.equal(events.length, 1);
        assert.equal(events[0].id, id);
        assert.equal(events[0].state, 'exited');
        assert.equal(events[0].exitCode, 2);
        assert.equal(existsSync(h.path('runtime', 'exits', id)), false, 'the exit notice is consumed');
      },
      { relistIntervalMs: 100 },
    ));

  it('lists, filters and removes containers, keeping the log by default', () =>
    withRuntime(async (rt, h) => {
      const a = (await rt.runPodSandbox(sandboxConfig(h, 'a'))).id;
      const b = (await rt.runPodSandbox(sandboxConfig(h, 'b'))).id;
      const c1 = await runContainer(rt, h, 'c1', ['sh', '-c', 'echo x'], {}, a);
      const c2 = await rt.createContainer(b, containerConfig(h, 'c2', ['true']));
      assert.deepEqual((await rt.listContainers()).map((c) => c.id).sort(), [c1, c2].sort());
      assert.deepEqual((await rt.listContainers({ sandboxId: b })).map((c) => c.id), [c2]);
      assert.deepEqual((await rt.listContainers({ podUid: 'uid-a' })).map((c) => c.id), [c1]);
      const created = await rt.containerStatus(c2);
      assert.equal(created?.state, 'created');
      assert.equal(created.podUid, 'uid-b');
      assert.equal(created.labels['io.kubernetes.container.name'], 'c2');
      const s1 = await waitExited(rt, c1);
      await rt.removeContainer(c1);
      assert.equal(await rt.containerStatus(c1), undefined);
      assert.equal(existsSync(h.path('runtime', 'containers', c1)), false);
      assert.equal(existsSync(s1.logPath), true);
      await rt.removeContainer(c1); // idempotent
      await assert.rejects(rt.startContainer(c1), RuntimeNotFoundError);
      await assert.rejects(rt.createContainer('nope', containerConfig(h, 'x', ['true'])), /sandbox "nope" not found/);
      await assert.rejects(rt.createContainer(a, containerConfig(h, 'x', [])), /argv must not be empty/);
      await assert.rejects(rt.createContainer(a, containerConfig(h, 'x', ['true'], { logPath: 'rel.log' })), /absolute path/);
      await assert.rejects(
        rt.createContainer(a, containerConfig(h, 'x', ['true'], { env: [['A=B', 'c']] })),
        /invalid environment variable name "A=B"/,
      );
    }));

  it('deletes the log on remove when removeLogOnRemove is set', () =>
    withRuntime(
      async (rt, h) => {
        const id = await runContainer(rt, h, 'gone', ['sh', '-c', 'echo x']);
        const s = await waitExited(rt, id);
        assert.equal(existsSync(s.logPath), true);
        await rt.removeContainer(id);
        assert.equal(existsSync(s.logPath), false);
      },
      { removeLogOnRemove: true },
    ));
});

describe('ProcessRuntime sandboxes', () => {
  it('gives each pod its own loopback IP and cleans up on stop and remove', () =>
    withRuntime(async (rt, h) => {
      const a = await rt.runPodSandbox(sandboxConfig(h, 'a'));
      const b = await rt.runPodSandbox(sandboxConfig(h, 'b'));
      assert.equal(a.ip, '127.10.0.1');
      assert.equal(b.ip, '127.10.0.2');
      assert.equal(a.state, 'ready');
      assert.equal(existsSync(sandboxConfig(h, 'a').logDirectory), true);
      const c = await runContainer(rt, h, 'in-a', ['sleep', '30'], {}, a.id);
      await rt.stopPodSandbox(a.id);
      assert.equal((await rt.containerStatus(c))?.state, 'exited');
      const listed = await rt.listPodSandboxes();
      assert.equal(listed.find((s) => s.id === a.id)?.state, 'notready');
      assert.equal(listed.find((s) => s.id === a.id)?.ip, '127.10.0.1');
      await assert.rejects(rt.createContainer(a.id, containerConfig(h, 'late', ['true'])), /is not ready/);
      await rt.removePodSandbox(a.id);
      assert.equal(await rt.containerStatus(c), undefined);
      assert.deepEqual((await rt.listPodSandboxes()).map((s) => s.id), [b.id]);
      await rt.removePodSandbox(a.id); // idempotent
      await rt.stopPodSandbox('unknown');
    }));

  it('allocates from a configured range', () =>
    withRuntime(
      async (rt, h) => {
        assert.equal((await rt.runPodSandbox(sandboxConfig(h, 'x'))).ip, '127.20.0.1');
      },
      { podIpRange: '127.20.0.0/24' },
    ));
});
