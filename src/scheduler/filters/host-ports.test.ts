import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container } from '../../api/types.js';
import { hostPortsOf } from '../pod-info.js';
import { container, makeNode, makePod, nodeInfo, stateFor } from '../testutil.js';
import { ERR_REASON_PORTS, hostPortsFilter } from './host-ports.js';

type ContainerPort = NonNullable<Container['ports']>[number];
const withPorts = (name: string, ...ports: ContainerPort[]) => makePod(name, { containers: [container({}, { ports })] });
const conflict = (existing: ContainerPort[], wanted: ContainerPort[]) =>
  hostPortsFilter.filter(stateFor(withPorts('new', ...wanted)), nodeInfo(makeNode('n'), withPorts('old', ...existing)))?.reasons;

test('the same protocol/port on the wildcard address conflicts', () => {
  assert.deepEqual(conflict([{ containerPort: 80, hostPort: 8080 }], [{ containerPort: 81, hostPort: 8080 }]), [ERR_REASON_PORTS]);
  assert.equal(ERR_REASON_PORTS, "node(s) didn't have free ports for the requested pod ports");
});

test('different protocols or ports do not conflict; container-only ports are ignored', () => {
  assert.equal(conflict([{ containerPort: 53, hostPort: 53, protocol: 'UDP' }], [{ containerPort: 53, hostPort: 53, protocol: 'TCP' }]), undefined);
  assert.equal(conflict([{ containerPort: 80, hostPort: 8080 }], [{ containerPort: 80, hostPort: 8081 }]), undefined);
  assert.equal(conflict([{ containerPort: 80 }], [{ containerPort: 80 }]), undefined);
});

test('specific host IPs conflict only with the same IP or the wildcard', () => {
  const a = { containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' };
  assert.equal(conflict([a], [{ ...a, hostIP: '10.0.0.2' }]), undefined);
  assert.deepEqual(conflict([a], [a]), [ERR_REASON_PORTS]);
  assert.deepEqual(conflict([a], [{ containerPort: 80, hostPort: 80 }]), [ERR_REASON_PORTS], 'wildcard wanted vs specific used');
  assert.deepEqual(conflict([{ containerPort: 80, hostPort: 80, hostIP: '0.0.0.0' }], [a]), [ERR_REASON_PORTS], 'specific wanted vs wildcard used');
});

test('sidecar ports count, plain init container ports do not', () => {
  const pod = makePod('p', {
    containers: [container()],
    initContainers: [
      container({}, { name: 'init', ports: [{ containerPort: 1, hostPort: 9001 }] }),
      container({}, { name: 'side', restartPolicy: 'Always', ports: [{ containerPort: 2, hostPort: 9002, protocol: 'SCTP' }] }),
    ],
  });
  assert.deepEqual(hostPortsOf(pod), [{ ip: '0.0.0.0', protocol: 'SCTP', port: 9002 }]);
});

test('a freed port is free again', () => {
  const ni = nodeInfo(makeNode('n'), withPorts('old', { containerPort: 80, hostPort: 8080 }));
  ni.removePod('default/old');
  assert.equal(hostPortsFilter.filter(stateFor(withPorts('new', { containerPort: 80, hostPort: 8080 })), ni), undefined);
});
