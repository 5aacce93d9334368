import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../../api/types.js';
import { envVariableName, fromServices, serviceEnvVars } from './service-env.js';

const svc = (namespace: string, name: string, clusterIP: string | undefined, ports: { port: number; name?: string; protocol?: string }[]): Service => ({
  metadata: { namespace, name },
  spec: { clusterIP, ports },
});
const kubernetes = svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);
const mySvc = svc('demo', 'my-svc', '10.96.12.34', [
  { name: 'http', port: 80, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP' },
]);

describe('fromServices', () => {
  it('builds the host, port, named-port and docker link variables', () => {
    assert.deepEqual(fromServices([mySvc]), [
      ['MY_SVC_SERVICE_HOST', '10.96.12.34'],
      ['MY_SVC_SERVICE_PORT', '80'],
      ['MY_SVC_SERVICE_PORT_HTTP', '80'],
      ['MY_SVC_SERVICE_PORT_DNS', '53'],
      ['MY_SVC_PORT', 'tcp://10.96.12.34:80'],
      ['MY_SVC_PORT_80_TCP', 'tcp://10.96.12.34:80'],
      ['MY_SVC_PORT_80_TCP_PROTO', 'tcp'],
      ['MY_SVC_PORT_80_TCP_PORT', '80'],
      ['MY_SVC_PORT_80_TCP_ADDR', '10.96.12.34'],
      ['MY_SVC_PORT_53_UDP', 'udp://10.96.12.34:53'],
      ['MY_SVC_PORT_53_UDP_PROTO', 'udp'],
      ['MY_SVC_PORT_53_UDP_PORT', '53'],
      ['MY_SVC_PORT_53_UDP_ADDR', '10.96.12.34'],
    ]);
  });

  it('the kubernetes service gives the in-cluster config variables', () => {
    assert.deepEqual(new Map(fromServices([kubernetes])), new Map([
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
    ]));
  });

  it('an unnamed single port gets no named variable, protocol defaults to TCP', () => {
    const got = new Map(fromServices([svc('demo', 'web', '10.0.0.5', [{ port: 8080 }])]));
    assert.equal(got.get('WEB_SERVICE_PORT'), '8080');
    assert.equal(got.get('WEB_PORT_8080_TCP_PROTO'), 'tcp');
    assert.equal([...got.keys()].some((k) => k.startsWith('WEB_SERVICE_PORT_')), false);
  });

  it('brackets IPv6 cluster IPs in URLs only', () => {
    const got = new Map(fromServices([svc('demo', 'v6', 'fd00::1', [{ port: 80 }])]));
    assert.equal(got.get('V6_PORT'), 'tcp://[fd00::1]:80');
    assert.equal(got.get('V6_PORT_80_TCP_ADDR'), 'fd00::1');
    assert.equal(got.get('V6_SERVICE_HOST'), 'fd00::1');
  });

  it('skips headless and IP-less services', () => {
    assert.deepEqual(fromServices([svc('demo', 'headless', 'None', [{ port: 80 }]), svc('demo', 'ext', undefined, [{ port: 80 }])]), []);
  });

  it('names: upper case, dashes to underscores', () => {
    assert.equal(envVariableName('my-svc-2'), 'MY_SVC_2');
    assert.equal(envVariableName('port-name'), 'PORT_NAME');
  });
});

describe('serviceEnvVars', () => {
  const all = [mySvc, kubernetes, svc('other', 'elsewhere', '10.96.9.9', [{ port: 1 }]), svc('demo', 'aaa', '10.96.1.1', [{ port: 2 }])];

  it('includes the namespace services and the master service, sorted by service name', () => {
    const names = [...serviceEnvVars(all, 'demo', true).keys()].filter((k) => k.endsWith('_SERVICE_HOST'));
    assert.deepEqual(names, ['AAA_SERVICE_HOST', 'KUBERNETES_SERVICE_HOST', 'MY_SVC_SERVICE_HOST']);
  });

  it('with enableServiceLinks false only the master service remains', () => {
    const names = [...serviceEnvVars(all, 'demo', false).keys()].filter((k) => k.endsWith('_SERVICE_HOST'));
    assert.deepEqual(names, ['KUBERNETES_SERVICE_HOST']);
  });

  it('pods in default see default services once', () => {
    const env = serviceEnvVars([kubernetes, svc('default', 'web', '10.96.3.3', [{ port: 80 }])], 'default', true);
    assert.equal(env.get('KUBERNETES_SERVICE_HOST'), '10.96.0.1');
    assert.equal(env.get('WEB_SERVICE_HOST'), '10.96.3.3');
  });

  it('a namespace service named kubernetes shadows the master one, in either order', () => {
    const local = svc('demo', 'kubernetes', '10.96.7.7', [{ port: 443 }]);
    assert.equal(serviceEnvVars([kubernetes, local], 'demo', true).get('KUBERNETES_SERVICE_HOST'), '10.96.7.7');
    assert.equal(serviceEnvVars([local, kubernetes], 'demo', true).get('KUBERNETES_SERVICE_HOST'), '10.96.7.7');
    assert.equal(serviceEnvVars([local, kubernetes], 'demo', false).get('KUBERNETES_SERVICE_HOST'), '10.96.0.1');
  });
});
