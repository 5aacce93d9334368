import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Node } from '../api/types.js';
import { Client } from '../client/client.js';
import { FakeApi } from './fakes.js';
import { NodeStatusManager } from './node-status.js';

test('the node registers with its ephemeral-storage capacity although its root dir does not exist yet', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'skiff-node-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const rootDir = join(base, 'data', 'kubelet');
  const api = new FakeApi();
  const m = new NodeStatusManager({ client: new Client(api), nodeName: 'n1', containerRuntimeVersion: 'fake://0', rootDir });
  t.after(() => m.stop());
  await m.start();
  assert.ok(existsSync(rootDir), 'the agent creates its directory first');
  const node = api.objects.get('/api/v1/nodes/n1') as Node;
  const created = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/nodes')!.body as Node;
  for (const [what, status] of [['registration', created.status], ['stored', node.status]] as const) {
    const ki = Number(/^(\d+)Ki$/.exec(status?.capacity?.['ephemeral-storage'] ?? '')?.[1] ?? 0);
    assert.ok(ki > 0, `${what}: ephemeral-storage capacity ${status?.capacity?.['ephemeral-storage']}`);
    assert.ok(Number(status?.allocatable?.['ephemeral-storage']) > 0, `${what}: allocatable`);
  }
});
