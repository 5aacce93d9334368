import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitErrorMessage, scheduledMessage, truncateMessage } from './messages.js';
import { type Status, unresolvable, unschedulable } from './types.js';

const statuses = (...s: [string, Status][]) => new Map(s);

test('one node short of memory', () => {
  const d = { numAllNodes: 1, nodeStatuses: statuses(['n1', unschedulable('NodeResourcesFit', 'Insufficient memory')]) };
  assert.equal(fitErrorMessage(d), '0/1 nodes are available: 1 Insufficient memory.');
});

test('reasons are counted across nodes, every reason of a node counts, and the strings are sorted', () => {
  const d = {
    numAllNodes: 3,
    nodeStatuses: statuses(
      ['n1', unschedulable('NodeResourcesFit', 'Insufficient cpu')],
      ['n2', unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector")],
      ['n3', unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector")],
    ),
    postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  };
  assert.equal(
    fitErrorMessage(d),
    "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  const multi = { numAllNodes: 2, nodeStatuses: statuses(['a', unschedulable('F', 'Insufficient memory', 'Insufficient cpu')], ['b', unschedulable('F', 'Insufficient cpu')]) };
  assert.equal(fitErrorMessage(multi), '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.');
});

test('sorting is on the "count reason" text, byte-wise, as upstream', () => {
  const m = new Map<string, Status>();
  for (let i = 0; i < 10; i++) m.set(`x${i}`, unresolvable('T', 'node(s) had untolerated taint {a: }'));
  m.set('y1', unschedulable('F', 'Too many pods'));
  m.set('y2', unschedulable('F', 'Too many pods'));
  assert.equal(fitErrorMessage({ numAllNodes: 12, nodeStatuses: m }), '0/12 nodes are available: 10 node(s) had untolerated taint {a: }, 2 Too many pods.');
});

test('nodes a PreFilter excluded are counted with the absent-node status', () => {
  const d = {
    numAllNodes: 3,
    nodeStatuses: statuses(['n1', unschedulable('NodePorts', "node(s) didn't have free ports for the requested pod ports")]),
    absentStatus: unresolvable('NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]"),
  };
  assert.equal(fitErrorMessage(d), "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
});

test('a PreFilter rejection replaces the per-node histogram', () => {
  const st = unresolvable('NodeAffinity', 'pod affinity terms conflict');
  const d = { numAllNodes: 2, nodeStatuses: new Map(), absentStatus: st, preFilterMsg: 'pod affinity terms conflict', postFilterMsg: 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.' };
  assert.equal(fitErrorMessage(d), '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
});

test('event messages are truncated at 1024 bytes with " ..."', () => {
  const long = 'x'.repeat(2000);
  const t = truncateMessage(long);
  assert.equal(Buffer.byteLength(t), 1024);
  assert.ok(t.endsWith('x ...'));
  assert.equal(truncateMessage('short'), 'short');
  assert.equal(scheduledMessage('default', 'web-0', 'node01'), 'Successfully assigned default/web-0 to node01');
});
