import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from '../../api/types.js';
import type { ExecSyncResult } from '../runtime/types.js';
import { ExecRunner, expandStaticCommand } from './exec.js';

const container: Container = { name: 'app', env: [{ name: 'FILE', value: '/tmp/healthy' }, { name: 'FROM', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] };

function fakeRuntime(result: Partial<ExecSyncResult> | Error) {
  const calls: { id: string; argv: string[]; timeoutMs: number }[] = [];
  return {
    calls,
    execSync: async (id: string, argv: string[], timeoutMs: number): Promise<ExecSyncResult> => {
      calls.push({ id, argv, timeoutMs });
      if (result instanceof Error) throw result;
      return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false, ...result };
    },
  };
}

const target = { containerId: 'cid-1', podIP: undefined };

test('exec probe: exit 0 is success and the runtime gets the command and timeout', async () => {
  const rt = fakeRuntime({ exitCode: 0, stdout: Buffer.from('ok\n') });
  const r = new ExecRunner(rt, ['cat', '/tmp/healthy'], container);
  assert.deepEqual(await r.run(target, 1000), { result: 'success', output: 'ok\n' });
  assert.deepEqual(rt.calls, [{ id: 'cid-1', argv: ['cat', '/tmp/healthy'], timeoutMs: 1000 }]);
});

test('exec probe: non-zero exit is a failure with stdout+stderr as output', async () => {
  const rt = fakeRuntime({ exitCode: 1, stderr: Buffer.from('cat: /tmp/healthy: No such file or directory\n') });
  const r = new ExecRunner(rt, ['cat', '/tmp/healthy'], container);
  assert.deepEqual(await r.run(target, 1000), { result: 'failure', output: 'cat: /tmp/healthy: No such file or directory\n' });

  const both = new ExecRunner(fakeRuntime({ exitCode: 2, stdout: Buffer.from('out;'), stderr: Buffer.from('err') }), ['x'], container);
  assert.deepEqual(await both.run(target, 1000), { result: 'failure', output: 'out;err' });
});

test('exec probe: output is cut at 10 KiB', async () => {
  const rt = fakeRuntime({ exitCode: 1, stdout: Buffer.alloc(8 * 1024, 'a'), stderr: Buffer.alloc(8 * 1024, 'b') });
  const o = await new ExecRunner(rt, ['x'], container).run(target, 1000);
  assert.equal(o.output.length, 10 * 1024);
  assert.equal(o.output.slice(-1), 'b');
});

test('exec probe: a timeout is a failure worded as the CRI client does', async () => {
  const rt = fakeRuntime({ exitCode: -1, timedOut: true });
  const o = await new ExecRunner(rt, ['sh', '-c', 'sleep 10'], container).run(target, 1000);
  assert.deepEqual(o, { result: 'failure', output: 'command "sh -c sleep 10" timed out' });
});

test('exec probe: a runtime error is an error (unknown), not a failure', async () => {
  const rt = fakeRuntime(new Error('container not running'));
  const o = await new ExecRunner(rt, ['true'], container).run(target, 1000);
  assert.deepEqual(o, { result: 'unknown', output: '', error: 'container not running' });
});

test('exec probe: $(VAR) expands from literal env values only', () => {
  assert.deepEqual(
    expandStaticCommand(['cat', '$(FILE)', '$(FROM)', '$$(FILE)', '$(MISSING)', 'a$b', '$(open'], container),
    ['cat', '/tmp/healthy', '$(FROM)', '$(FILE)', '$(MISSING)', 'a$b', '$(open'],
  );
});
