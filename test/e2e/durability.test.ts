/**
 * Nothing acknowledged is lost across a SIGKILL: kill the server during a burst of creates,
 * restart it on the same data directory, and every acknowledged object is there with its
 * resourceVersion; a watch resumes from a stored revision.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TestCluster } from '../helpers/cluster.js';

const dataDir = mkdtempSync(join(tmpdir(), 'skiff-durable-'));
const clusters: TestCluster[] = [];
const args = ['--disable', 'scheduler,kubelet,proxy,dns,ingress'];

after(async () => {
  for (const c of clusters) await c.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability across SIGKILL', () => {
  it('keeps every acknowledged object and its resourceVersion; watches resume from a stored revision', async () => {
    const first = new TestCluster({ dataDir, args });
    clusters.push(first);
    await first.start();
    await first.api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'd' } }));
    const acked = new Map<string, string>();
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        try {
          const r = await first.api('POST', '/api/v1/namespaces/d/configmaps', JSON.stringify({ metadata: { name }, data: { i: String(i) } }));
          if (r.status === 201) acked.set(name, (JSON.parse(r.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
        } catch {
          return; // the server died mid-request: that write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    while (acked.size < 400) await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    stop = true;
    await Promise.all(writers);
    assert.ok(acked.size >= 400);

    const second = new TestCluster({ dataDir, args });
    clusters.push(second);
    await second.start();
    const list = JSON.parse((await second.api('GET', '/api/v1/namespaces/d/configmaps')).body) as {
      metadata: { resourceVersion: string };
      items: { metadata: { name: string; resourceVersion: string } }[];
    };
    const stored = new Map(list.items.map((i) => [i.metadata.name, i.metadata.resourceVersion]));
    const lost = [...acked].filter(([name, rv]) => stored.get(name) !== rv);
    assert.deepEqual(lost, [], 'every acknowledged create survived with its resourceVersion');

    // A watch from a revision stored before the kill replays what came after it, in order.
    const rvs = [...acked.values()].map(Number).sort((a, b) => a - b);
    const from = rvs[Math.floor(rvs.length / 2)]!;
    const w = await second.api('GET', `/api/v1/namespaces/d/configmaps?watch=true&resourceVersion=${from}&timeoutSeconds=1`);
    const events = w.body.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { resourceVersion: string } } });
    const replayed = events.map((e) => Number(e.object.metadata.resourceVersion));
    assert.ok(events.every((e) => e.type === 'ADDED'));
    assert.deepEqual(replayed, [...replayed].sort((a, b) => a - b));
    for (const rv of rvs.filter((r) => r > from)) assert.ok(replayed.includes(rv), `revision ${rv} replayed`);
    assert.ok(!replayed.some((rv) => rv <= from));
  });
});
