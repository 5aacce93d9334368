import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, ReplicaSet, Service } from '../../api/types.js';
import { makeNode, makePod, nodeInfo, stateFor } from '../testutil.js';
import { defaultSelector, SpreadScorer, type SpreadListers } from './spread.js';

const rs: ReplicaSet = { metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', hash: '1' } }, template: {} } } as ReplicaSet;
const svc = (name: string, selector?: Record<string, string>, ns = 'default'): Service => ({ metadata: { name, namespace: ns }, spec: { selector } });

function listers(services: Service[] = [], replicaSets: ReplicaSet[] = [rs]): SpreadListers {
  return {
    services: (ns) => services.filter((s) => s.metadata?.namespace === ns),
    replicaSet: (ns, name) => replicaSets.find((r) => r.metadata?.namespace === ns && r.metadata?.name === name),
    statefulSet: () => undefined,
  };
}

function replica(name: string, owner = 'web-1', labels: Record<string, string> = { app: 'web', hash: '1' }): Pod {
  const p = makePod(name, {}, labels);
  p.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: 'rs-uid', controller: true }];
  return p;
}

test('DefaultSelector merges the selecting Services and adds the controller ReplicaSet selector', () => {
  assert.equal(defaultSelector(makePod('lone', {}, { app: 'web' }), listers()).empty, true);
  assert.equal(defaultSelector(replica('r'), listers()).toString(), 'app=web,hash=1');
  const withSvc = defaultSelector(makePod('p', {}, { app: 'web', tier: 'fe' }), listers([svc('s1', { app: 'web' }), svc('s2', { tier: 'fe' }), svc('other', { app: 'db' }), svc('headless')]));
  assert.equal(withSvc.toString(), 'app=web,tier=fe');
  assert.equal(defaultSelector(makePod('p', {}, { app: 'web' }), listers([svc('elsewhere', { app: 'web' }, 'other-ns')])).empty, true);
  const unknownOwner = replica('r', 'gone');
  assert.equal(defaultSelector(unknownOwner, listers()).empty, true, 'a controller not in the cache adds nothing');
});

test('nodes with fewer replicas score higher (system default hostname constraint)', () => {
  const a = nodeInfo(makeNode('a'), replica('r1'), replica('r2'), makePod('unrelated', {}, { app: 'db' }));
  const b = nodeInfo(makeNode('b'));
  const scorer = new SpreadScorer(listers(), () => [a, b]);
  const st = stateFor(replica('new'));
  assert.equal(scorer.preScore(st, [a, b]), true);
  // a: 2 × ln(4) + 2 → 5; b: 0 + 2 → 2
  const scores = [scorer.score(st, a), scorer.score(st, b)];
  assert.deepEqual(scores, [5, 2]);
  scorer.normalize(st, scores);
  assert.deepEqual(scores, [40, 100]);
});

test('zones spread too when nodes carry the zone label', () => {
  const a1 = nodeInfo(makeNode('a1', { labels: { 'topology.kubernetes.io/zone': 'za' } }), replica('r1'));
  const a2 = nodeInfo(makeNode('a2', { labels: { 'topology.kubernetes.io/zone': 'za' } }));
  const b1 = nodeInfo(makeNode('b1', { labels: { 'topology.kubernetes.io/zone': 'zb' } }));
  const all = [a1, a2, b1];
  const scorer = new SpreadScorer(listers(), () => all);
  const st = stateFor(replica('new'));
  assert.equal(scorer.preScore(st, all), true);
  const scores = all.map((n) => scorer.score(st, n));
  scorer.normalize(st, scores);
  assert.ok(scores[2]! > scores[1]! && scores[1]! > scores[0]!, `zone b best, then the empty node in zone a: ${scores}`);
});

test('pods without siblings, terminating pods and other namespaces do not count', () => {
  const scorer = new SpreadScorer(listers(), () => []);
  assert.equal(scorer.preScore(stateFor(makePod('lone', {}, { app: 'x' })), []), false);
  const dying = replica('r1');
  dying.metadata!.deletionTimestamp = '2024-01-01T00:00:00Z';
  const foreign = replica('r2');
  foreign.metadata!.namespace = 'other';
  const a = nodeInfo(makeNode('a'), dying, foreign);
  const b = nodeInfo(makeNode('b'));
  const s2 = new SpreadScorer(listers(), () => [a, b]);
  const st = stateFor(replica('new'));
  s2.preScore(st, [a, b]);
  assert.deepEqual([s2.score(st, a), s2.score(st, b)], [2, 2]);
});
