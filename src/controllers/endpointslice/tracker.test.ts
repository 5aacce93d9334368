import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSlice } from '../../api/types.js';
import { service } from './test-fixtures.js';
import { EndpointSliceTracker } from './tracker.js';
import { TriggerTimeTracker } from './trigger-time.js';

const slice = (uid: string, generation: number, svc = 'web'): EndpointSlice => ({
  metadata: { name: `web-${uid}`, namespace: 'default', uid, generation, labels: { 'kubernetes.io/service-name': svc } },
  addressType: 'IPv4',
  endpoints: [],
});

test('its own writes are not synced again; newer generations (someone else) are', () => {
  const t = new EndpointSliceTracker();
  assert.equal(t.shouldSync(slice('a', 1)), true);
  t.update(slice('a', 3));
  assert.equal(t.has(slice('a', 3)), true);
  assert.equal(t.shouldSync(slice('a', 3)), false);
  assert.equal(t.shouldSync(slice('a', 2)), false);
  assert.equal(t.shouldSync(slice('a', 4)), true);
});

test('staleSlices: older generation, expected deletion still present, written slice missing', () => {
  const t = new EndpointSliceTracker();
  const svc = service();
  assert.equal(t.staleSlices(svc, [slice('a', 1)]), false);
  t.update(slice('a', 2));
  assert.equal(t.staleSlices(svc, [slice('a', 1)]), true, 'cache has an older generation');
  assert.equal(t.staleSlices(svc, []), true, 'cache lacks a slice just written');
  assert.equal(t.staleSlices(svc, [slice('a', 2)]), false);
  t.expectDeletion(slice('a', 2));
  assert.equal(t.staleSlices(svc, [slice('a', 2)]), true, 'cache still has a deleted slice');
  assert.equal(t.staleSlices(svc, []), false);
  assert.equal(t.handleDeletion(slice('a', 2)), true, 'the deletion was expected');
  t.update(slice('b', 1));
  assert.equal(t.handleDeletion(slice('b', 1)), false, 'someone else deleted it');
});

test('tracking from an earlier Service of the same name is dropped', () => {
  const t = new EndpointSliceTracker();
  t.staleSlices(service({ metadata: { uid: 'old' } }), []);
  t.update(slice('a', 2));
  assert.equal(t.staleSlices(service({ metadata: { uid: 'new' } }), []), false);
});

test('trigger time: creation time first, then the earliest new readiness transition, else nothing', () => {
  const tt = new TriggerTimeTracker();
  const svc = service();
  const readyAt = (name: string, when: string) => ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: when }] } });
  assert.equal(tt.compute('default', svc, [readyAt('p0', '2024-01-01T00:05:00Z')]), Date.parse('2024-01-01T00:00:00Z'));
  assert.equal(tt.compute('default', svc, [readyAt('p0', '2024-01-01T00:05:00Z')]), undefined);
  assert.equal(
    tt.compute('default', svc, [readyAt('p0', '2024-01-01T00:09:00Z'), readyAt('p1', '2024-01-01T00:07:00Z')]),
    Date.parse('2024-01-01T00:07:00Z'),
  );
  tt.delete('default', 'web');
  assert.equal(tt.compute('default', svc, []), Date.parse('2024-01-01T00:00:00Z'));
});
