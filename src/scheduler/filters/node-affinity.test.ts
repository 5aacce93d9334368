import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types.js';
import { makeNode, makePod, nodeInfo, stateFor } from '../testutil.js';
import { ERR_REASON_CONFLICT, ERR_REASON_POD, nodeAffinityFilter, nodeAffinityPreFilter } from './node-affinity.js';
import { type NodeSelectorTerm, RequiredNodeAffinity } from './node-selector.js';

const node = makeNode('node-1', { labels: { zone: 'a', gen: '5', disk: 'ssd' } });
const required = (...terms: NodeSelectorTerm[]): Pod =>
  makePod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } as Partial<NonNullable<Pod['spec']>>);
const matches = (pod: Pod, n = node) => new RequiredNodeAffinity(pod).match(n);
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, values }] });

test('nodeSelector needs every label to be present and equal', () => {
  assert.equal(matches(makePod('p', { nodeSelector: { zone: 'a', disk: 'ssd' } })), true);
  assert.equal(matches(makePod('p', { nodeSelector: { zone: 'b' } })), false);
  assert.equal(matches(makePod('p', { nodeSelector: { missing: '' } })), false);
  assert.equal(matches(makePod('p')), true);
});

test('In, NotIn, Exists, DoesNotExist', () => {
  assert.equal(matches(required(expr('zone', 'In', ['a', 'b']))), true);
  assert.equal(matches(required(expr('zone', 'In', ['b']))), false);
  assert.equal(matches(required(expr('zone', 'NotIn', ['b']))), true);
  assert.equal(matches(required(expr('absent', 'NotIn', ['b']))), true, 'NotIn matches a missing label');
  assert.equal(matches(required(expr('disk', 'Exists'))), true);
  assert.equal(matches(required(expr('absent', 'Exists'))), false);
  assert.equal(matches(required(expr('absent', 'DoesNotExist'))), true);
  assert.equal(matches(required(expr('disk', 'DoesNotExist'))), false);
});

test('Gt and Lt compare integers; non-integer labels never match', () => {
  assert.equal(matches(required(expr('gen', 'Gt', ['4']))), true);
  assert.equal(matches(required(expr('gen', 'Gt', ['5']))), false);
  assert.equal(matches(required(expr('gen', 'Lt', ['6']))), true);
  assert.equal(matches(required(expr('zone', 'Lt', ['6']))), false);
  assert.equal(matches(required(expr('absent', 'Gt', ['0']))), false);
});

test('terms are ORed, expressions within a term ANDed', () => {
  const and = { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }] };
  assert.equal(matches(required(and)), false);
  assert.equal(matches(required(and, expr('gen', 'Exists'))), true);
});

test('empty terms select nothing; an invalid term is skipped but others still count', () => {
  assert.equal(matches(required({})), false);
  assert.equal(matches(required()), false);
  assert.equal(matches(required(expr('zone', 'In', []), expr('zone', 'In', ['a']))), true);
  assert.equal(matches(required(expr('zone', 'In', []))), false);
  assert.equal(matches(required(expr('zone', 'Bogus', ['a']))), false);
});

test('matchFields selects by metadata.name with In and NotIn', () => {
  assert.equal(matches(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] })), true);
  assert.equal(matches(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] })), false);
  assert.equal(matches(required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-2'] }] })), true);
  assert.equal(matches(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] })), false, 'one value only');
  assert.equal(matches(required({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] })), false);
});

test('nodeSelector and affinity must both hold; rejections use upstream wording', () => {
  const pod = required(expr('zone', 'In', ['a']));
  pod.spec!.nodeSelector = { disk: 'hdd' };
  const st = nodeAffinityFilter.filter(stateFor(pod), nodeInfo(node));
  assert.deepEqual(st, { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD], plugin: 'NodeAffinity' });
  assert.equal(ERR_REASON_POD, "node(s) didn't match Pod's node affinity/selector");
});

test('PreFilter narrows to the nodes named by matchFields in every term, or reports a conflict', () => {
  const byName = (...names: string[]) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: names }] });
  assert.deepEqual(nodeAffinityPreFilter(makePod('p')), { all: true });
  assert.deepEqual(nodeAffinityPreFilter(required(byName('a'), expr('zone', 'In', ['x']))), { all: true }, 'a term without a name pin allows all');
  const r = nodeAffinityPreFilter(required(byName('a', 'b'), byName('c')));
  assert.ok('names' in r && [...r.names].sort().join() === 'a,b,c');
  const both = nodeAffinityPreFilter(required({ matchFields: [...byName('a', 'b').matchFields, ...byName('b', 'c').matchFields] }));
  assert.ok('names' in both && [...both.names].join() === 'b');
  const conflict = nodeAffinityPreFilter(required({ matchFields: [...byName('a').matchFields, ...byName('b').matchFields] }));
  assert.ok('status' in conflict && conflict.status.reasons[0] === ERR_REASON_CONFLICT);
});
