import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigMap, Container, Pod, Secret, Service } from '../api/types.js';
import { EnvConfigError, EnvValueError, makeEnvironment, resolveEnvironment, type EnvContext } from './envvars.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const configMaps: ConfigMap[] = [
  { metadata: { namespace: 'demo', name: 'app-config' }, data: { LOG_LEVEL: 'INFO', MODE: 'cm1', 'app.properties': 'x=1' } },
  { metadata: { namespace: 'demo', name: 'override' }, data: { MODE: 'cm2', EXTRA: 'yes' } },
  { metadata: { namespace: 'other', name: 'elsewhere' }, data: { X: '1' } },
];
const secrets: Secret[] = [{ metadata: { namespace: 'demo', name: 'db' }, data: { username: b64('admin'), password: b64('1f2d1e2e67df'), 'lé': b64('ünïcode') } }];
const services: Service[] = [
  { metadata: { namespace: 'default', name: 'kubernetes' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
  { metadata: { namespace: 'demo', name: 'my-svc' }, spec: { clusterIP: '10.96.12.34', ports: [{ port: 80, protocol: 'TCP' }] } },
];
const ctx: EnvContext = {
  configMap: (ns, name) => configMaps.find((c) => c.metadata?.namespace === ns && c.metadata?.name === name),
  secret: (ns, name) => secrets.find((s) => s.metadata?.namespace === ns && s.metadata?.name === name),
  services,
  podIP: '10.244.1.11',
  podIPs: ['10.244.1.11'],
  hostIP: '10.0.12.8',
  nodeName: 'node01',
  nodeAllocatable: { cpu: '2', memory: '4Gi' },
};
const mkPod = (container: Container, enableServiceLinks?: boolean): Pod => ({
  metadata: { namespace: 'demo', name: 'dapi', uid: 'uid-1', labels: { app: 'web' } },
  spec: { nodeName: 'node01', containers: [container], ...(enableServiceLinks === undefined ? {} : { enableServiceLinks }) },
});
const envOf = (container: Container, links?: boolean, c: EnvContext = ctx) => makeEnvironment(mkPod(container, links), container, c);
const mapOf = (container: Container, links?: boolean) => new Map(envOf(container, links));

describe('makeEnvironment: service links and order', () => {
  it('puts service link variables first and declared variables after, each name once', () => {
    const env = envOf({ name: 'c', env: [{ name: 'A', value: '1' }, { name: 'KUBERNETES_SERVICE_HOST', value: 'override' }] });
    const names = env.map(([k]) => k);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(names.slice(-2), ['A', 'KUBERNETES_SERVICE_HOST']);
    // services in name order; the overridden KUBERNETES_SERVICE_HOST is dropped from the link block
    assert.equal(names[0], 'KUBERNETES_SERVICE_PORT');
    assert.ok(names.indexOf('MY_SVC_SERVICE_HOST') < names.indexOf('A'));
    assert.equal(new Map(env).get('KUBERNETES_SERVICE_HOST'), 'override', 'declared variables win over service links');
  });

  it('includes the namespace service variables by default', () => {
    const env = mapOf({ name: 'c' });
    assert.equal(env.get('MY_SVC_SERVICE_HOST'), '10.96.12.34');
    assert.equal(env.get('MY_SVC_PORT_80_TCP_ADDR'), '10.96.12.34');
    assert.equal(env.get('MY_SVC_PORT'), 'tcp://10.96.12.34:80');
    assert.equal(env.get('KUBERNETES_SERVICE_PORT_HTTPS'), '443');
  });

  it('enableServiceLinks: false keeps only the kubernetes service', () => {
    const env = mapOf({ name: 'c' }, false);
    assert.equal(env.get('MY_SVC_SERVICE_HOST'), undefined);
    assert.equal(env.get('KUBERNETES_SERVICE_HOST'), '10.96.0.1');
    assert.equal(env.get('KUBERNETES_PORT'), 'tcp://10.96.0.1:443');
  });
});

describe('makeEnvironment: envFrom and env precedence', () => {
  const rows: { name: string; container: Container; want: Record<string, string | undefined> }[] = [
    {
      name: 'envFrom sources in order, later wins',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'app-config' } }, { configMapRef: { name: 'override' } }] },
      want: { LOG_LEVEL: 'INFO', MODE: 'cm2', EXTRA: 'yes', 'app.properties': 'x=1' },
    },
    {
      name: 'env overrides envFrom',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'app-config' } }], env: [{ name: 'MODE', value: 'env' }] },
      want: { MODE: 'env', LOG_LEVEL: 'INFO' },
    },
    {
      name: 'a later env entry overrides an earlier one',
      container: { name: 'c', env: [{ name: 'X', value: '1' }, { name: 'X', value: '2' }] },
      want: { X: '2' },
    },
    {
      name: 'envFrom prefix',
      container: { name: 'c', envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'override' } }] },
      want: { CFG_MODE: 'cm2', CFG_EXTRA: 'yes', MODE: undefined },
    },
    {
      name: 'envFrom secret values are base64-decoded',
      container: { name: 'c', envFrom: [{ secretRef: { name: 'db' } }] },
      want: { username: 'admin', password: '1f2d1e2e67df', 'lé': 'ünïcode' },
    },
    {
      name: 'an optional missing envFrom source is skipped',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'nope', optional: true } }, { secretRef: { name: 'nope', optional: true } }] },
      want: { MODE: undefined },
    },
    {
      name: 'sources are read from the pod namespace only',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'elsewhere', optional: true } }] },
      want: { X: undefined },
    },
    {
      name: 'an entry with neither value nor valueFrom is set empty',
      container: { name: 'c', env: [{ name: 'EMPTY' }] },
      want: { EMPTY: '' },
    },
    {
      name: 'configMapKeyRef and secretKeyRef',
      container: {
        name: 'c',
        env: [
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } },
          { name: 'SECRET_USERNAME', valueFrom: { secretKeyRef: { name: 'db', key: 'username' } } },
        ],
      },
      want: { LEVEL: 'INFO', SECRET_USERNAME: 'admin' },
    },
    {
      name: 'optional missing refs leave the variable unset (or as envFrom set it)',
      container: {
        name: 'c',
        envFrom: [{ configMapRef: { name: 'override' } }],
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
          { name: 'B', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'nokey', optional: true } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } },
          { name: 'MODE', valueFrom: { secretKeyRef: { name: 'db', key: 'nokey', optional: true } } },
        ],
      },
      want: { A: undefined, B: undefined, C: undefined, MODE: 'cm2' },
    },
    {
      name: 'downward API fieldRef and resourceFieldRef',
      container: {
        name: 'c',
        resources: { requests: { cpu: '100m' } },
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'CPU_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
          { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        ],
      },
      want: { POD_NAME: 'dapi', APP: 'web', POD_IP: '10.244.1.11', NODE: 'node01', CPU_REQ: '100', MEM_LIMIT: '4096' },
    },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const env = mapOf(r.container);
      for (const [k, v] of Object.entries(r.want)) assert.equal(env.get(k), v, k);
    });
  }
});

describe('makeEnvironment: $(VAR) expansion', () => {
  const rows: { name: string; env: NonNullable<Container['env']>; envFrom?: Container['envFrom']; want: Record<string, string> }[] = [
    { name: 'an earlier variable', env: [{ name: 'A', value: 'a' }, { name: 'B', value: '$(A)-b' }], want: { B: 'a-b' } },
    { name: 'a later variable stays verbatim', env: [{ name: 'B', value: '$(A)-b' }, { name: 'A', value: 'a' }], want: { B: '$(A)-b' } },
    { name: 'an envFrom variable', env: [{ name: 'B', value: 'level=$(LOG_LEVEL)' }], envFrom: [{ configMapRef: { name: 'app-config' } }], want: { B: 'level=INFO' } },
    { name: 'a service link variable', env: [{ name: 'URL', value: 'http://$(MY_SVC_SERVICE_HOST):$(MY_SVC_SERVICE_PORT)/' }], want: { URL: 'http://10.96.12.34:80/' } },
    { name: 'a declared variable shadows a service link', env: [{ name: 'MY_SVC_SERVICE_HOST', value: 'mine' }, { name: 'U', value: '$(MY_SVC_SERVICE_HOST)' }], want: { U: 'mine' } },
    { name: '$$ escapes', env: [{ name: 'A', value: 'a' }, { name: 'B', value: '$$(A) $$$(A)' }], want: { B: '$(A) $a' } },
    { name: 'undefined references stay', env: [{ name: 'B', value: '$(NOPE)' }], want: { B: '$(NOPE)' } },
    { name: 'valueFrom results are not expanded', env: [{ name: 'A', value: 'a' }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'lit', key: 'v' } } }], want: { B: '$(A)' } },
    { name: 'a self reference sees the previous value', env: [{ name: 'P', value: '/bin' }, { name: 'P', value: '$(P):/usr/bin' }], want: { P: '/bin:/usr/bin' } },
  ];
  const withLit: EnvContext = { ...ctx, configMap: (ns, name) => (name === 'lit' ? { data: { v: '$(A)' } } : ctx.configMap(ns, name)) };
  for (const r of rows) {
    it(r.name, () => {
      const env = new Map(envOf({ name: 'c', env: r.env, envFrom: r.envFrom }, undefined, withLit));
      for (const [k, v] of Object.entries(r.want)) assert.equal(env.get(k), v, k);
    });
  }
});

describe('makeEnvironment: CreateContainerConfigError', () => {
  const rows: [string, Container, string][] = [
    ['missing configmap (envFrom)', { name: 'c', envFrom: [{ configMapRef: { name: 'x' } }] }, 'configmap "x" not found'],
    ['missing secret (envFrom)', { name: 'c', envFrom: [{ secretRef: { name: 's' } }] }, 'secret "s" not found'],
    ['missing configmap (key ref)', { name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }] }, 'configmap "x" not found'],
    ['missing configmap key', { name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'k' } } }] }, "couldn't find key k in ConfigMap demo/app-config"],
    ['missing secret (key ref)', { name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, 'secret "s" not found'],
    ['missing secret key', { name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'db', key: 'k' } } }] }, "couldn't find key k in Secret demo/db"],
  ];
  for (const [name, container, msg] of rows) {
    it(name, () => {
      assert.throws(() => envOf(container), (e: unknown) => e instanceof EnvConfigError && e.message === msg && e.reason === 'CreateContainerConfigError');
    });
  }

  it('a bad downward reference raises EnvValueError', () => {
    const c: Container = { name: 'c', env: [{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }] };
    assert.throws(() => envOf(c), (e: unknown) => e instanceof EnvValueError && e.message === 'Unsupported container resource : limits.gpu');
  });
});

describe('resolveEnvironment: envFrom keys', () => {
  const cm: ConfigMap = { data: { good_key: '1', '1badkey': '2', 'bad-key2': '3', 'app.properties': '4' } };
  const c2: EnvContext = { ...ctx, configMap: () => cm, services: [] };
  const container: Container = { name: 'c', envFrom: [{ configMapRef: { name: 'mixed' } }] };

  it('1.32 injects every key and warns about none (RelaxedEnvironmentVariableValidation)', () => {
    const { env, warnings } = resolveEnvironment(mkPod(container), container, c2);
    assert.deepEqual(env.map(([k]) => k), ['good_key', '1badkey', 'bad-key2', 'app.properties']);
    assert.deepEqual(warnings, []);
  });

  it('the legacy mode skips invalid keys and reports InvalidEnvironmentVariableNames', () => {
    const { env, warnings } = resolveEnvironment(mkPod(container), container, { ...c2, skipInvalidEnvFromKeys: true });
    assert.deepEqual(env.map(([k]) => k), ['good_key', 'bad-key2', 'app.properties']);
    assert.deepEqual(warnings, [
      {
        reason: 'InvalidEnvironmentVariableNames',
        message: 'Keys [1badkey] from the EnvFrom configMap demo/mixed were skipped since they are considered invalid environment variable names.',
      },
    ]);
  });
});
