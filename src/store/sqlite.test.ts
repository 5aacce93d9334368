import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from './sqlite.js';
import { runStoreSuite } from './store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'skiff-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStoreSuite('sqlite', { make: () => new SqliteStore({ path: join(dir, `db${n++}.sqlite`) }) });

describe('sqlite store durability', () => {
  it('keeps objects, revisions and history across reopen', async () => {
    const path = join(dir, 'reopen.sqlite');
    const s1 = new SqliteStore({ path });
    const a = await s1.create('/d/a', '1');
    await s1.update('/d/a', '2', a.modRevision);
    await s1.create('/d/b', '1');
    const rev = s1.currentRevision();
    await s1.close();
    const s2 = new SqliteStore({ path });
    assert.equal(s2.currentRevision(), rev);
    assert.equal((await s2.get('/d/a'))?.value, '2');
    const seen: string[] = [];
    s2.watch('/d/', a.modRevision, { onEvent: (e) => seen.push(`${e.type}:${e.kv.key}`) });
    const c = await s2.create('/d/c', '1');
    assert.equal(c.modRevision, rev + 1);
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(seen, ['update:/d/a', 'create:/d/b', 'create:/d/c']);
    await s2.close();
  });
});
