/**
 * One behaviour suite every Store implementation must pass (run by memory.test.ts, sqlite.test.ts, ...).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CompactedError,
  KeyExistsError,
  KeyNotFoundError,
  RevisionMismatchError,
  type Store,
  type StoreEvent,
} from './types.js';

export interface SuiteOptions {
  /** Makes a fresh, empty store. */
  make: () => Promise<Store> | Store;
}

function collect(store: Store, prefix: string, after: number): { events: StoreEvent[]; stop: () => void } {
  const events: StoreEvent[] = [];
  const w = store.watch(prefix, after, { onEvent: (e) => events.push(e) });
  return { events, stop: () => w.stop() };
}

const tick = () => new Promise((r) => setImmediate(r));

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

export function runStoreSuite(name: string, opts: SuiteOptions): void {
  describe(`store conformance: ${name}`, () => {
    it('creates, gets, updates with compare-and-swap, deletes', async () => {
      const s = await opts.make();
      const a = await s.create('/r/a', 'one');
      assert.equal(a.createRevision, a.modRevision);
      assert.equal(s.currentRevision(), a.modRevision);
      await assert.rejects(s.create('/r/a', 'again'), KeyExistsError);
      const got = await s.get('/r/a');
      assert.deepEqual(got, a);
      const b = await s.update('/r/a', 'two', a.modRevision);
      assert.equal(b.value, 'two');
      assert.equal(b.createRevision, a.createRevision);
      assert.ok(b.modRevision > a.modRevision);
      await assert.rejects(s.update('/r/a', 'three', a.modRevision), RevisionMismatchError);
      await assert.rejects(s.update('/r/none', 'x', 1), KeyNotFoundError);
      await assert.rejects(s.delete('/r/a', a.modRevision), RevisionMismatchError);
      const d = await s.delete('/r/a', b.modRevision);
      assert.equal(d.value, 'two');
      assert.equal(await s.get('/r/a'), undefined);
      await assert.rejects(s.delete('/r/a'), KeyNotFoundError);
      await s.close();
    });

    it('lists by prefix in key order with paging', async () => {
      const s = await opts.make();
      for (const k of ['c', 'a', 'b', 'd', 'e']) await s.create(`/p/x/${k}`, k);
      await s.create('/p/y/a', 'other');
      await s.create('/p/xa', 'sibling');
      const all = await s.list('/p/x/');
      assert.deepEqual(all.kvs.map((k) => k.value), ['a', 'b', 'c', 'd', 'e']);
      assert.equal(all.more, false);
      assert.equal(all.revision, s.currentRevision());
      const p1 = await s.list('/p/x/', { limit: 2 });
      assert.deepEqual(p1.kvs.map((k) => k.value), ['a', 'b']);
      assert.equal(p1.more, true);
      assert.equal(p1.remaining, 3);
      const p2 = await s.list('/p/x/', { limit: 2, after: p1.kvs[1]!.key });
      assert.deepEqual(p2.kvs.map((k) => k.value), ['c', 'd']);
      const p3 = await s.list('/p/x/', { limit: 2, after: p2.kvs[1]!.key });
      assert.deepEqual(p3.kvs.map((k) => k.value), ['e']);
      assert.equal(p3.more, false);
      assert.equal(await s.count('/p/x/'), 5);
      assert.equal(await s.count('/p/'), 7);
      await s.close();
    });

    it('watch replays history after a revision, then live events, in order without gaps', async () => {
      const s = await opts.make();
      const a = await s.create('/w/a', '1');
      await s.create('/w/b', '1');
      await s.update('/w/a', '2', a.modRevision);
      await s.create('/other/z', '1');
      const w = collect(s, '/w/', a.modRevision);
      await s.delete('/w/b');
      await until(() => w.events.length === 3);
      assert.deepEqual(w.events.map((e) => [e.type, e.kv.key]), [
        ['create', '/w/b'],
        ['update', '/w/a'],
        ['delete', '/w/b'],
      ]);
      const upd = w.events[1]!;
      assert.equal(upd.prev?.value, '1');
      assert.equal(upd.kv.value, '2');
      const del = w.events[2]!;
      assert.equal(del.kv.value, '1', 'a delete carries the last value');
      const revs = w.events.map((e) => e.revision);
      assert.deepEqual(revs, [...revs].sort((x, y) => x - y));
      w.stop();
      await s.close();
    });

    it('delivers every event of concurrent writers exactly once and in order', async () => {
      const s = await opts.make();
      const w = collect(s, '/c/', s.currentRevision());
      const writers = Array.from({ length: 8 }, (_, i) =>
        (async () => {
          for (let j = 0; j < 50; j++) {
            const kv = await s.create(`/c/${i}-${j}`, 'v');
            await s.update(kv.key, 'v2', kv.modRevision);
          }
        })(),
      );
      await Promise.all(writers);
      await until(() => w.events.length === 800);
      await tick();
      assert.equal(w.events.length, 800);
      for (let i = 1; i < w.events.length; i++) assert.ok(w.events[i]!.revision > w.events[i - 1]!.revision);
      assert.equal(new Set(w.events.map((e) => e.revision)).size, 800);
      w.stop();
      await s.close();
    });

    it('rejects watches from a compacted revision', async () => {
      const s = await opts.make();
      const a = await s.create('/k/a', '1');
      await s.update('/k/a', '2', a.modRevision);
      const r = s.currentRevision();
      await s.compact(r);
      assert.equal(s.compactedRevision(), r);
      assert.throws(() => s.watch('/k/', a.modRevision - 1, { onEvent: () => {} }), CompactedError);
      const w = collect(s, '/k/', r);
      await s.create('/k/b', '1');
      await until(() => w.events.length === 1);
      assert.equal((await s.get('/k/a'))?.value, '2', 'compaction keeps current values');
      w.stop();
      await s.close();
    });

    it('a stopped watch receives nothing more', async () => {
      const s = await opts.make();
      const w = collect(s, '/s/', 0);
      await s.create('/s/a', '1');
      await until(() => w.events.length === 1);
      w.stop();
      await s.create('/s/b', '1');
      await tick();
      await tick();
      assert.equal(w.events.length, 1);
      await s.close();
    });
  });
}
