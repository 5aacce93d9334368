import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Heap } from './heap.js';

test('pops in order of the comparison, whatever the push order', () => {
  const h = new Heap<number>((a, b) => a < b);
  const input = [5, 3, 9, 1, 7, 3, 8, 2, 6, 4, 0];
  for (const v of input) h.push(v);
  assert.equal(h.size, input.length);
  assert.equal(h.peek(), 0);
  const out: number[] = [];
  for (let v = h.pop(); v !== undefined; v = h.pop()) out.push(v);
  assert.deepEqual(out, [...input].sort((a, b) => a - b));
  assert.equal(h.pop(), undefined);
});
