import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkQueue } from '../../client/workqueue.js';
import { DelayedRequeue } from './requeue.js';

test('an earlier addAfter replaces a later one; a later one does not delay an earlier one', async () => {
  const q = new WorkQueue<string>();
  const d = new DelayedRequeue(q);
  const seen: [string, number][] = [];
  const t0 = Date.now();
  void q.run(1, async (k) => {
    seen.push([k, Date.now() - t0]);
  });
  d.addAfter('a', 60_000);
  d.addAfter('a', 30);
  d.addAfter('b', 30);
  d.addAfter('b', 60_000);
  d.addAfter('c', 0);
  await new Promise((r) => setTimeout(r, 120));
  d.stop();
  q.shutdown();
  assert.deepEqual(seen.map(([k]) => k).sort(), ['a', 'b', 'c']);
  for (const [k, at] of seen) if (k !== 'c') assert.ok(at >= 25 && at < 110, `${k} at ${at}`);
});
