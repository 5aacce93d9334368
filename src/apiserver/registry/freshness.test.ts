import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status } from '../../api/types.js';
import { MemoryStore } from '../../store/memory.js';
import { ApiServer } from '../apiserver.js';
import { buildResources } from '../resources/index.js';
import type { ApiResponse } from '../request.js';
import { FUTURE_REVISION, validateListOptions, waitForRevision } from './freshness.js';
import { startWatch, type WatchEventType } from './watch.js';

const store = new MemoryStore();
const api = new ApiServer({ store, resources: buildResources() });
const admin = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };

function get(path: string, query: Record<string, string>): Promise<ApiResponse> {
  return api.handle({ method: 'GET', path, query: new URLSearchParams(query), headers: {}, user: admin, signal: new AbortController().signal });
}

async function write(name: string): Promise<void> {
  const r = await api.handle({
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ metadata: { name } })),
    user: admin,
    signal: new AbortController().signal,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

const CMS = '/api/v1/namespaces/default/configmaps';
const messages = (q: Record<string, string>, watch = false) => validateListOptions(new URLSearchParams(q), watch).map((e) => `${e.field}: ${e.message}`);

describe('ListOptions validation', () => {
  it('checks resourceVersionMatch and sendInitialEvents on lists as upstream', () => {
    assert.deepEqual(messages({ resourceVersionMatch: 'NotOlderThan' }), ['resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided']);
    assert.deepEqual(messages({ resourceVersion: '0', resourceVersionMatch: 'Exact' }), ['resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"']);
    assert.deepEqual(messages({ resourceVersion: '5', resourceVersionMatch: 'Newest' }), ['resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""']);
    assert.deepEqual(messages({ sendInitialEvents: 'true' }), ['sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list']);
    assert.deepEqual(messages({ resourceVersion: '5', resourceVersionMatch: 'Exact' }), []);
  });

  it('checks them on watches as upstream', () => {
    assert.deepEqual(messages({ resourceVersionMatch: 'NotOlderThan' }, true), ['resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided']);
    assert.deepEqual(messages({ sendInitialEvents: 'true' }, true), ['resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan']);
    assert.deepEqual(messages({ sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' }, true), []);
  });

  it('answers 422 Invalid ListOptions', async () => {
    const r = await get(CMS, { resourceVersionMatch: 'Exact' });
    assert.equal(r.status, 422);
    assert.equal((r.body as Status).message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
  });
});

describe('reads at a resourceVersion the store has not reached', () => {
  it('waitForRevision resolves once a write reaches the revision, or false at the timeout', async () => {
    const target = store.currentRevision() + 1;
    const waiting = waitForRevision(store, target, 2_000);
    await write('arrives');
    assert.equal(await waiting, true);
    assert.equal(await waitForRevision(store, store.currentRevision() + 5, 50), false);
  });

  it('a list not older than a revision that arrives while it waits succeeds', async () => {
    const target = store.currentRevision() + 1;
    const list = get(CMS, { resourceVersion: String(target), resourceVersionMatch: 'NotOlderThan' });
    setTimeout(() => void write('soon'), 100);
    const r = await list;
    assert.equal(r.status, 200);
    assert.ok(Number((JSON.parse(String(r.body)) as { metadata: { resourceVersion: string } }).metadata.resourceVersion) >= target);
  });

  it('an Exact list at a future revision fails at once as etcd does', async () => {
    const t0 = Date.now();
    const r = await get(CMS, { resourceVersion: String(store.currentRevision() + 100), resourceVersionMatch: 'Exact' });
    assert.equal(r.status, 500);
    assert.equal((r.body as Status).message, FUTURE_REVISION);
    assert.ok(Date.now() - t0 < 1_000);
  });

  it('a list, a get and a watch-list give up after 3 s with 504 Too large resource version', async () => {
    const rv = store.currentRevision() + 1000;
    const current = store.currentRevision();
    const t0 = Date.now();
    const events: { type: WatchEventType; obj: unknown }[] = [];
    const ended = new Promise<void>((resolve) => {
      const def = api.lookup('', 'v1', 'configmaps')!;
      void startWatch(api.registry, def, 'default', { resourceVersion: String(rv), query: {}, sendInitialEvents: true, allowBookmarks: true }, { send: (type, obj) => events.push({ type, obj }), end: () => resolve() });
    });
    const [list, one] = await Promise.all([get(CMS, { resourceVersion: String(rv), resourceVersionMatch: 'NotOlderThan' }), get('/api/v1/namespaces/default', { resourceVersion: String(rv) }), ended]);
    assert.ok(Date.now() - t0 >= 2_900, 'waited for the revision');
    for (const r of [list, one]) {
      assert.equal(r.status, 504);
      const s = r.body as Status;
      assert.equal(s.reason, 'Timeout');
      assert.equal(s.message, `Timeout: Too large resource version: ${rv}, current: ${current}`);
      assert.deepEqual(s.details, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    }
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'ERROR');
    assert.equal((events[0]!.obj as Status).code, 504);
  });
});
