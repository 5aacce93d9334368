import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, ServicePort } from '../../api/types.js';
import { findPort, formatTriggerTime, hasSelector, podEndpointsChanged, servicesToSync, shouldPodBeInEndpoints } from './pod-util.js';
import { normalizeIP } from './slice-util.js';
import { pod, service } from './test-fixtures.js';

test('findPort: numeric and named targetPorts, table-driven', async (t) => {
  const p: Pod = pod(0, { ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 5353, protocol: 'UDP' }] });
  p.spec!.initContainers = [
    { name: 'sidecar', image: 'envoy', restartPolicy: 'Always', ports: [{ name: 'admin', containerPort: 9901 }] },
    { name: 'init', image: 'busybox', ports: [{ name: 'setup', containerPort: 7000 }] },
  ];
  const cases: [string, ServicePort, number | undefined][] = [
    ['number', { port: 80, targetPort: 9000 }, 9000],
    ['unset targetPort falls back to the port', { port: 80 }, 80],
    ['name in a container', { port: 80, targetPort: 'http', protocol: 'TCP' }, 8080],
    ['name with the default protocol', { port: 80, targetPort: 'http' }, 8080],
    ['name with another protocol does not match', { port: 53, targetPort: 'http', protocol: 'UDP' }, undefined],
    ['UDP name', { port: 53, targetPort: 'dns', protocol: 'UDP' }, 5353],
    ['name in a sidecar init container', { port: 9901, targetPort: 'admin' }, 9901],
    ['name in a plain init container does not count', { port: 7000, targetPort: 'setup' }, undefined],
    ['unknown name', { port: 80, targetPort: 'nope' }, undefined],
  ];
  for (const [name, sp, want] of cases) await t.test(name, () => assert.equal(findPort(p, sp), want));
});

test('shouldPodBeInEndpoints', () => {
  assert.equal(shouldPodBeInEndpoints(pod(0), false), true);
  assert.equal(shouldPodBeInEndpoints(pod(0, { ready: false }), false), true);
  assert.equal(shouldPodBeInEndpoints(pod(0, { ips: [] }), true), false);
  assert.equal(shouldPodBeInEndpoints(pod(0, { phase: 'Failed' }), true), false);
  assert.equal(shouldPodBeInEndpoints(pod(0, { phase: 'Succeeded' }), true), false);
  assert.equal(shouldPodBeInEndpoints(pod(0, { terminating: true }), false), false);
  assert.equal(shouldPodBeInEndpoints(pod(0, { terminating: true }), true), true);
  const onlyPodIP = pod(0);
  delete onlyPodIP.status!.podIPs;
  assert.equal(shouldPodBeInEndpoints(onlyPodIP, false), true);
});

test('podEndpointsChanged: what moves endpoints vs what moves memberships', () => {
  const base = pod(0, { readySince: '2024-01-01T00:00:00Z' });
  const annotated = structuredClone(base);
  annotated.metadata!.annotations = { note: 'x' };
  assert.deepEqual(podEndpointsChanged(base, annotated), [false, false]);
  assert.deepEqual(podEndpointsChanged(base, pod(0, { ready: false })), [true, false]);
  assert.deepEqual(podEndpointsChanged(base, pod(0, { terminating: true })), [true, false]);
  assert.deepEqual(podEndpointsChanged(base, pod(0, { ips: ['10.9.9.9'] })), [true, false]);
  assert.deepEqual(podEndpointsChanged(base, pod(0, { labels: { app: 'other' } })), [false, true]);
  assert.deepEqual(podEndpointsChanged(base, pod(0, { hostname: 'h', subdomain: 'web' })), [false, true]);
  assert.deepEqual(podEndpointsChanged(pod(0, { ready: false }), pod(0, { ready: false, phase: 'Failed' })), [true, false]);
});

test('servicesToSync: all on a pod change, the symmetric difference on a label-only change', () => {
  const a = new Set(['ns/a', 'ns/b']);
  const b = new Set(['ns/b', 'ns/c']);
  assert.deepEqual([...servicesToSync(a, b, true)].sort(), ['ns/a', 'ns/b', 'ns/c']);
  assert.deepEqual([...servicesToSync(a, b, false)].sort(), ['ns/a', 'ns/c']);
});

test('hasSelector: a missing or empty selector selects nothing', () => {
  assert.equal(hasSelector(service()), true);
  assert.equal(hasSelector(service({ spec: { selector: undefined } })), false);
  assert.equal(hasSelector(service({ spec: { selector: {} } })), false);
});

test('formatTriggerTime matches Go RFC3339Nano in UTC', () => {
  assert.equal(formatTriggerTime(Date.UTC(2024, 0, 2, 3, 4, 5)), '2024-01-02T03:04:05Z');
  assert.equal(formatTriggerTime(Date.UTC(2024, 0, 2, 3, 4, 5, 120)), '2024-01-02T03:04:05.12Z');
});

test('normalizeIP re-formats as Go does', () => {
  assert.deepEqual(normalizeIP('10.0.0.1'), { ip: '10.0.0.1', family: 'IPv4' });
  assert.deepEqual(normalizeIP('010.000.000.001'), { ip: '10.0.0.1', family: 'IPv4' });
  assert.deepEqual(normalizeIP('FD00:0:0:0::1'), { ip: 'fd00::1', family: 'IPv6' });
  assert.deepEqual(normalizeIP('::ffff:10.1.2.3'), { ip: '10.1.2.3', family: 'IPv4' });
  assert.equal(normalizeIP('not-an-ip'), undefined);
  assert.equal(normalizeIP('300.1.1.1'), undefined);
});
