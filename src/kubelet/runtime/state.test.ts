/**
 * The runtime's two state writers, one suite: applyFileOps (on this thread) and the exec
 * helper's files request (in the helper's process) must leave the same files behind and fail
 * the same way. Also StateDir's records written through each.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ExecHelper } from './exec-helper.js';
import { applyFileOps, type FileOp, StateDir } from './state.js';
import { ensureShim } from './testkit.js';

type Writer = (ops: readonly FileOp[]) => Promise<void>;

function writerSuite(name: string, make: () => { write: Writer; close: () => void }): void {
  describe(name, () => {
    let root: string;
    let w: { write: Writer; close: () => void };
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'skiff-state-'));
      w = make();
    });
    after(() => {
      w.close();
      rmSync(root, { recursive: true, force: true });
    });

    it('makes nested directories, then writes files inside them, in order', async () => {
      const dir = join(root, 'a', 'b', 'c');
      await w.write([{ mkdir: dir }, { write: join(dir, 'x.json'), data: '{"n":1}\n' }, { write: join(dir, 'x.json'), data: '{"n":2}\n' }]);
      assert.ok(statSync(dir).isDirectory());
      assert.equal(readFileSync(join(dir, 'x.json'), 'utf8'), '{"n":2}\n');
      assert.deepEqual(readdirSync(dir), ['x.json'], 'no temp file is left behind');
    });

    it('accepts a directory that already exists, and unicode content', async () => {
      const dir = join(root, 'again');
      await w.write([{ mkdir: dir }]);
      await w.write([{ mkdir: dir }, { write: join(dir, 'u'), data: 'grüße ✓' }]);
      assert.equal(readFileSync(join(dir, 'u'), 'utf8'), 'grüße ✓');
    });

    it('stops at the first failing step and says which path failed', async () => {
      const missing = join(root, 'nope', 'f');
      const later = join(root, 'later');
      await assert.rejects(w.write([{ write: missing, data: 'x' }, { mkdir: later }]), (err: Error) => {
        assert.match(err.message, /nope\/f/);
        assert.match(err.message, /ENOENT|No such file or directory/);
        return true;
      });
      assert.equal(existsSync(later), false, 'steps after a failure are not done');
    });

    it("persists StateDir's new sandbox and container records", async () => {
      const state = new StateDir(join(root, 'rt'), w.write);
      state.ensure();
      const logDir = join(root, 'logs', 'ns_pod_uid');
      const sandbox = { id: 's1', config: { podUid: 'uid', name: 'pod', namespace: 'ns', hostname: 'pod', logDirectory: logDir, labels: {}, annotations: {} }, ip: '127.64.0.2', createdAt: 1, state: 'ready' as const };
      await state.createSandbox(sandbox, [logDir]);
      assert.ok(statSync(logDir).isDirectory());
      assert.deepEqual(state.readSandboxes(), [sandbox]);
      const container = { id: 'c1', sandboxId: 's1', podUid: 'uid', createdAt: 2, config: { name: 'c', attempt: 0, image: 'busybox', argv: ['sleep', '1'], env: [], labels: {}, annotations: {}, logPath: join(logDir, 'c', '0.log') }, env: [['A', 'b']] as [string, string][], workingDir: '/' };
      await state.writeContainer(container);
      assert.deepEqual(state.readContainers(), [container]);
    });
  });
}

writerSuite('applyFileOps (this thread)', () => ({ write: async (ops) => applyFileOps(ops), close: () => undefined }));

writerSuite('exec helper files request', () => {
  const helper = new ExecHelper(ensureShim());
  return { write: (ops) => helper.files(ops), close: () => helper.close() };
});
