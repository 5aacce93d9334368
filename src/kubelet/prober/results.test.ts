import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultsCache, type ResultUpdate } from './results.js';

test('results cache notifies only when a value changes', () => {
  const cache = new ResultsCache();
  const updates: ResultUpdate[] = [];
  cache.on('update', (u) => updates.push(u));

  assert.equal(cache.get('c1'), undefined);
  assert.equal(cache.set('c1', 'Failure', 'pod-1', 'web'), true);
  assert.equal(cache.set('c1', 'Failure', 'pod-1', 'web'), false);
  assert.equal(cache.set('c1', 'Success', 'pod-1', 'web'), true);
  assert.equal(cache.set('c1', 'Success', 'pod-1', 'web'), false);
  assert.equal(cache.get('c1'), 'Success');
  assert.deepEqual(updates, [
    { podUid: 'pod-1', containerName: 'web', containerId: 'c1', result: 'Failure' },
    { podUid: 'pod-1', containerName: 'web', containerId: 'c1', result: 'Success' },
  ]);
});

test('results cache: remove forgets silently, and the next set notifies again', () => {
  const cache = new ResultsCache();
  const seen: string[] = [];
  const listener = (u: ResultUpdate): void => void seen.push(`${u.containerId}=${u.result}`);
  cache.on('update', listener);
  cache.set('c1', 'Success', 'p', 'a');
  cache.set('c2', 'Unknown', 'p', 'b');
  assert.equal(cache.size, 2);
  cache.remove('c1');
  assert.equal(cache.get('c1'), undefined);
  assert.equal(cache.size, 1);
  cache.set('c1', 'Success', 'p', 'a');
  cache.off('update', listener);
  cache.set('c1', 'Failure', 'p', 'a');
  assert.deepEqual(seen, ['c1=Success', 'c2=Unknown', 'c1=Success']);
  assert.equal(cache.get('c1'), 'Failure');
});
