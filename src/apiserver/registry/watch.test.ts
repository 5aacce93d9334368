import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSelector } from '../../api/labels.js';
import type { Status, StoredObject } from '../../api/types.js';
import { MemoryStore } from '../../store/memory.js';
import { ApiServer } from '../apiserver.js';
import { buildResources } from '../resources/index.js';
import { nextBookmarkTime, PRE_TIMEOUT_BOOKMARK_MS, startWatch, type WatchEventType } from './watch.js';

describe('bookmark timing', () => {
  it('sends about every interval, but at the latest 2 s before the deadline, and none after that', () => {
    assert.equal(nextBookmarkTime(1_000, 60_000), 61_000);
    assert.equal(nextBookmarkTime(1_000, 60_000, 1_000 + 10_000), 1_000 + 10_000 - PRE_TIMEOUT_BOOKMARK_MS);
    assert.equal(nextBookmarkTime(1_000, 60_000, 1_000 + 600_000), 61_000);
    assert.equal(nextBookmarkTime(1_000, 60_000, 1_000 + 1_000), undefined);
  });
});

describe('startWatch', () => {
  const store = new MemoryStore();
  const api = new ApiServer({ store, resources: buildResources() });
  const def = api.lookup('', 'v1', 'configmaps')!;
  const reg = api.registry;
  const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } }) as StoredObject;
  const opts = { user: { name: 'test', groups: [] } };

  it('sends a bookmark 2 s before its deadline', async () => {
    const events: { type: WatchEventType; obj: StoredObject | Status }[] = [];
    const t0 = Date.now();
    const w = await startWatch(reg, def, 'default', { resourceVersion: String(store.currentRevision()), query: {}, allowBookmarks: true, deadline: t0 + 2_300 }, { send: (type, obj) => events.push({ type, obj }) });
    await new Promise((r) => setTimeout(r, 800));
    w.stop();
    assert.deepEqual(events.map((e) => e.type), ['BOOKMARK']);
    assert.equal((events[0]!.obj as StoredObject).metadata.resourceVersion, String(store.currentRevision()));
  });

  it('sends the pre-deadline bookmark once, also when its timer fires in that very millisecond', async (t) => {
    const events: WatchEventType[] = [];
    // With mocked timers Date.now() is exactly the due time when the timer runs.
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const w2 = await startWatch(reg, def, 'default', { resourceVersion: String(store.currentRevision()), query: {}, allowBookmarks: true, deadline: 2_300 }, { send: (type) => events.push(type) });
    t.mock.timers.tick(300);
    t.mock.timers.tick(1);
    t.mock.timers.tick(1_500);
    w2.stop();
    assert.deepEqual(events, ['BOOKMARK']);
  });

  it('turns objects entering and leaving a label selector into ADDED and DELETED', async () => {
    await reg.create(def, 'default', cm('moving', { tier: 'web' }), opts);
    const events: string[] = [];
    const objects: StoredObject[] = [];
    const w = await startWatch(reg, def, 'default', { resourceVersion: String(store.currentRevision()), query: { labelSelector: parseSelector('tier=web') } }, {
      send: (type, obj) => {
        events.push(`${type} ${(obj as StoredObject).metadata.name}`);
        objects.push(obj as StoredObject);
      },
    });
    const moved = await reg.guaranteedUpdate(def, 'default', 'moving', opts, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { tier: 'db' } } }));
    await reg.guaranteedUpdate(def, 'default', 'moving', opts, (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { tier: 'web' } } }));
    await reg.guaranteedUpdate(def, 'default', 'moving', opts, (cur) => ({ ...cur, data: { a: '1' } }));
    await new Promise((r) => setTimeout(r, 50));
    w.stop();
    assert.deepEqual(events, ['DELETED moving', 'ADDED moving', 'MODIFIED moving']);
    // As the watch cache: the object as the watcher knew it, at the update's resourceVersion.
    assert.deepEqual(objects[0]!.metadata.labels, { tier: 'web' });
    assert.equal(objects[0]!.metadata.resourceVersion, moved.metadata.resourceVersion);
  });
});
