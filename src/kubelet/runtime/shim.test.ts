import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ExecHelper } from './exec-helper.js';
import { isProcessAlive } from './procfs.js';
import { type ShimLaunch, launchShimWithHelper, parseHandshake } from './shim.js';
import type { StartedRecord } from './state.js';
import { Harness, waitFor } from './testkit.js';

const record: StartedRecord = {
  pid: 4242,
  pidStartTime: 77,
  shimPid: 4241,
  shimStartTime: 76,
  startedAtNs: '1700000000123456789',
  startedAt: '2023-11-14T22:13:20.123456789Z',
};

describe('the shim handshake', () => {
  it('carries the started record, or the pid alone, or the error', () => {
    assert.deepEqual(parseHandshake(`ok 4242 ${JSON.stringify(record)}\n`, 'x'), { ok: true, pid: 4242, started: record });
    assert.deepEqual(parseHandshake('ok 4242\n', 'x'), { ok: true, pid: 4242 });
    // A record that does not match the pid, or is not JSON, is not trusted.
    assert.deepEqual(parseHandshake(`ok 1 ${JSON.stringify(record)}\n`, 'x'), { ok: true, pid: 1 });
    assert.deepEqual(parseHandshake('ok 4242 {broken\n', 'x'), { ok: true, pid: 4242 });
    assert.deepEqual(parseHandshake('err exec: "nope": executable file not found in $PATH\n', 'x'), {
      ok: false,
      message: 'exec: "nope": executable file not found in $PATH',
    });
    assert.deepEqual(parseHandshake('', 'the shim said nothing'), { ok: false, message: 'the shim said nothing' });
  });
});

describe('shims started by the exec helper', () => {
  function launch(h: Harness, id: string, argv: string[]): ShimLaunch {
    const stateDir = h.path('runtime', 'containers', id);
    mkdirSync(stateDir, { recursive: true });
    mkdirSync(h.path('runtime', 'exits'), { recursive: true });
    return {
      shimPath: h.shimPath,
      id,
      stateDir,
      exitsDir: h.path('runtime', 'exits'),
      logPath: h.path('logs', id, '0.log'),
      cwd: '/',
      argv,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      maxLineBytes: 16384,
      pidNamespace: false,
    };
  }

  it('answer with started.json, outlive the helper, and are reaped when they end', async () => {
    const h = new Harness();
    const helper = new ExecHelper(h.shimPath);
    try {
      const long = launch(h, 'a'.repeat(64), ['sleep', '30']);
      const hs = await launchShimWithHelper(helper, long);
      assert.equal(hs.ok, true);
      assert.ok(hs.ok && hs.started, 'the handshake has the started record');
      const onDisk = JSON.parse(readFileSync(`${long.stateDir}/started.json`, 'utf8')) as StartedRecord;
      assert.deepEqual(hs.started, onDisk);
      assert.equal(hs.started.pid, hs.pid);
      // What ps shows for it: a shim, not a second exec server.
      assert.deepEqual(readFileSync(`/proc/${hs.started.shimPid}/cmdline`, 'utf8').split('\0').filter(Boolean), [h.shimPath, 'run']);

      // A container that ends: its shim records the exit and is reaped by the (living) helper.
      const short = launch(h, 'b'.repeat(64), ['sh', '-c', 'echo done']);
      const hs2 = await launchShimWithHelper(helper, short);
      assert.ok(hs2.ok && hs2.started);
      await waitFor('the exit record', () => (existsSync(`${short.stateDir}/exit.json`) ? true : undefined));
      const shortShim = hs2.started.shimPid;
      await waitFor('the ended shim to be reaped (no zombie)', () => (existsSync(`/proc/${shortShim}`) ? undefined : true));
      assert.equal(JSON.parse(readFileSync(`${short.stateDir}/exit.json`, 'utf8')).exitCode, 0);

      // Closing the helper (as when skiff dies) leaves the running container and its shim alone.
      helper.close();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(isProcessAlive(hs.started.pid, hs.started.pidStartTime), true, 'the container still runs');
      assert.equal(isProcessAlive(hs.started.shimPid, hs.started.shimStartTime), true, 'its shim still runs');
    } finally {
      helper.close();
      await h.cleanup();
    }
  });
});
