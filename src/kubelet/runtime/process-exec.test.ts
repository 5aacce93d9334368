import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { findScript, resolveExecutable, shellQuote } from './exec.js';
import { isProcessAlive } from './procfs.js';
import { runContainer, waitFor, withRuntime } from './testkit.js';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe('exec helpers', () => {
  it('resolves commands like runc, with its messages', () => {
    const ctx = { env: [['PATH', '/usr/bin:/bin']] as [string, string][], cwd: '/' };
    assert.deepEqual(resolveExecutable('sh', ctx), { path: '/usr/bin/sh' });
    assert.deepEqual(resolveExecutable('/bin/sh', ctx), { path: '/bin/sh' });
    assert.deepEqual(resolveExecutable('nope-cmd', ctx), {
      error: 'exec: "nope-cmd": executable file not found in $PATH',
      exitCode: 127,
    });
    assert.deepEqual(resolveExecutable('/nope/x', ctx), {
      error: 'exec: "/nope/x": stat /nope/x: no such file or directory',
      exitCode: 127,
    });
    const dir = mkdtempSync(join(tmpdir(), 'skiff-exec-'));
    try {
      const plain = join(dir, 'plain');
      writeFileSync(plain, 'x');
      assert.deepEqual(resolveExecutable(plain, ctx), { error: `exec: "${plain}": permission denied`, exitCode: 126 });
      assert.deepEqual(resolveExecutable('./plain', { ...ctx, cwd: dir }), { error: 'exec: "./plain": permission denied', exitCode: 126 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(resolveExecutable('/etc', ctx), { error: 'exec: "/etc": is a directory', exitCode: 126 });
    assert.equal('error' in resolveExecutable('sh', { env: [], cwd: '/' }), true, 'no PATH: nothing found');
  });

  it('quotes words for sh', () => {
    assert.equal(shellQuote("it's a $x"), `'it'\\''s a $x'`);
  });
});

describe('the exec helper', () => {
  it('starts containers while a long command (a hook, a probe) runs', () =>
    withRuntime(async (rt, h) => {
      const a = await runContainer(rt, h, 'hooked', ['sleep', '30']);
      const hook = rt.execSync(a, ['sleep', '3'], 0);
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      const b = await runContainer(rt, h, 'next', ['sleep', '30']);
      const took = Date.now() - t0;
      assert.equal((await rt.containerStatus(b))?.state, 'running');
      const hookDone = await Promise.race([hook.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 100))]);
      assert.equal(hookDone, false, `the second container started before the 3 s command ended (start took ${took} ms)`);
      assert.equal((await hook).exitCode, 0);
    }));
});

for (const mode of ['helper', 'spawn'] as const) {
  describe(`ProcessRuntime.execSync (${mode})`, () => {
    it('runs with the container env and working dir and collects output', () =>
      withRuntime(
        async (rt, h) => {
          const id = await runContainer(rt, h, 'target', ['sleep', '30'], { env: [['FOO', 'bar baz']], workingDir: h.root });
          const r = await rt.execSync(id, ['sh', '-c', 'echo "$FOO"; pwd; echo oops >&2; exit 4'], 5000);
          assert.equal(r.exitCode, 4);
          assert.equal(r.timedOut, false);
          assert.equal(r.stdout.toString(), `bar baz\n${h.root}\n`);
          assert.equal(r.stderr.toString(), 'oops\n');
          const many = await Promise.all(Array.from({ length: 20 }, (_, i) => rt.execSync(id, ['sh', '-c', `exit ${i}`], 5000)));
          assert.deepEqual(many.map((x) => x.exitCode), Array.from({ length: 20 }, (_, i) => i));
        },
        { execSyncMode: mode },
      ));

    it('kills the whole command group on timeout', () =>
      withRuntime(
        async (rt, h) => {
          const id = await runContainer(rt, h, 'target', ['sleep', '30']);
          const t0 = Date.now();
          const r = await rt.execSync(id, ['sh', '-c', 'sleep 32 & echo $!; sleep 33'], 300);
          assert.ok(Date.now() - t0 < 2500, 'returned soon after the timeout');
          assert.equal(r.timedOut, true);
          assert.equal(r.exitCode, 137);
          const bg = Number(r.stdout.toString().trim());
          assert.ok(bg > 0);
          h.trackPid(bg);
          await waitFor('the background child to die', () => (isProcessAlive(bg) ? undefined : true));
        },
        { execSyncMode: mode },
      ));

    it('rejects commands that cannot start and containers that are not running', () =>
      withRuntime(
        async (rt, h) => {
          const id = await runContainer(rt, h, 'target', ['sleep', '30']);
          await assert.rejects(
            rt.execSync(id, ['no-such-probe-cmd'], 1000),
            /^Error: exec failed: unable to start container process: exec: "no-such-probe-cmd": executable file not found in \$PATH$/,
          );
          await assert.rejects(rt.execSync(id, [], 1000), /argv must not be empty/);
          await rt.stopContainer(id, 0);
          await assert.rejects(rt.execSync(id, ['true'], 1000), /is not running \(state exited\)/);
        },
        { execSyncMode: mode },
      ));
  });
}

describe('ProcessRuntime.exec', () => {
  it('streams stdin, stdout and stderr and resolves with the exit code', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'target', ['sleep', '30'], { env: [['GREETING', 'hi']] });
      const stdin = new PassThrough();
      const out = collect();
      const err = collect();
      const done = rt.exec(id, ['sh', '-c', 'read x; echo "$GREETING $x"; echo e >&2; exit 5'], {
        stdin,
        stdout: out.stream,
        stderr: err.stream,
        tty: false,
      });
      stdin.end('there\n');
      assert.equal(await done, 5);
      assert.equal(out.text(), 'hi there\n');
      assert.equal(err.text(), 'e\n');
      assert.equal(out.stream.writableEnded, false, 'the caller owns the output streams');
    }));

  it('kills the command when the signal aborts', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'target', ['sleep', '30']);
      const ac = new AbortController();
      const t0 = Date.now();
      const done = rt.exec(id, ['sleep', '30'], { tty: false, signal: ac.signal });
      setTimeout(() => ac.abort(), 100);
      assert.equal(await done, 137);
      assert.ok(Date.now() - t0 < 2000);
    }));

  it('kills exec sessions when the container exits', () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'target', ['sleep', '30']);
      const done = rt.exec(id, ['sleep', '30'], { tty: false });
      await new Promise((r) => setTimeout(r, 100));
      await rt.stopContainer(id, 0);
      assert.equal(await done, 137);
    }));

  it('sizes the terminal with the first resize before the command starts', { skip: !findScript() && 'util-linux script is not installed' }, () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'target', ['sleep', '30']);
      const out = collect();
      const resize = new EventEmitter();
      const done = rt.exec(id, ['stty', 'size'], { stdout: out.stream, tty: true, resize });
      resize.emit('resize', { width: 100, height: 40 });
      assert.equal(await done, 0);
      assert.equal(out.text().split('\r\n')[0], '40 100');
    }));

  it('allocates a pseudo-terminal with tty and applies resizes', { skip: !findScript() && 'util-linux script is not installed' }, () =>
    withRuntime(async (rt, h) => {
      const id = await runContainer(rt, h, 'target', ['sleep', '30'], { env: [['SHELL', '/bin/false']] });
      const out = collect();
      const resize = new EventEmitter();
      const done = rt.exec(id, ['sh', '-c', 'sleep 0.5; tty; stty size; echo "$SHELL $TERM"; exit 3'], {
        stdout: out.stream,
        tty: true,
        resize,
      });
      resize.emit('resize', { width: 100, height: 30 });
      assert.equal(await done, 3);
      const lines = out.text().split('\r\n');
      assert.match(lines[0], /^\/dev\/pts\/\d+$/);
      assert.equal(lines[1], '30 100');
      assert.equal(lines[2], '/bin/false xterm');
    }));
});
