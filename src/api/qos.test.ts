import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podQOSClass } from './qos.js';
import type { Container, Pod } from './types.js';

const pod = (...containers: Partial<Container>[]): Pod => ({
  spec: { containers: containers.map((c, i) => ({ name: `c${i}`, image: 'x', ...c })) },
});

describe('podQOSClass', () => {
  const cases: [string, Pod, string][] = [
    ['no resources', pod({}), 'BestEffort'],
    ['empty resources', pod({ resources: {} }), 'BestEffort'],
    ['the notes Guaranteed example', pod({ resources: { limits: { cpu: '700m', memory: '200Mi' }, requests: { cpu: '700m', memory: '200Mi' } } }), 'Guaranteed'],
    ['the notes Burstable example', pod({ resources: { limits: { memory: '200Mi' }, requests: { memory: '100Mi' } } }), 'Burstable'],
    ['equal values in other units', pod({ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } } }), 'Guaranteed'],
    ['requests only', pod({ resources: { requests: { cpu: '100m' } } }), 'Burstable'],
    ['limits without memory', pod({ resources: { limits: { cpu: '1' }, requests: { cpu: '1' } } }), 'Burstable'],
    [
      'one guaranteed and one best-effort container',
      pod({ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } }, {}),
      'Burstable',
    ],
    ['zero requests count as none', pod({ resources: { requests: { cpu: '0', memory: '0' } } }), 'BestEffort'],
    ['only non-compute resources', pod({ resources: { requests: { 'ephemeral-storage': '1Gi' } } }), 'BestEffort'],
  ];
  for (const [name, p, want] of cases) it(name, () => assert.equal(podQOSClass(p), want));

  it('counts init containers', () => {
    const p = pod({ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } });
    p.spec!.initContainers = [{ name: 'init', image: 'x', resources: { requests: { cpu: '100m' } } }];
    assert.equal(podQOSClass(p), 'Burstable');
  });
});
