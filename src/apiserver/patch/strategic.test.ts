import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyStrategicMergePatch } from './strategic.js';
import { deepFreeze } from './testutil.js';

type J = Record<string, unknown>;

const pod = (spec: J, metadata: J = { name: 'web', namespace: 'default' }, status?: J): J => ({
  apiVersion: 'v1', kind: 'Pod', metadata, spec, ...(status ? { status } : {}),
});
const deployment = (podSpec: J, extra: J = {}): J => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec }, ...extra },
});

interface Case { name: string; type: string; live: J; patch: unknown; want: unknown }

/** Runs each case with frozen inputs, so any mutation of them throws. */
function run(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const got = applyStrategicMergePatch(deepFreeze(c.live), deepFreeze(c.patch), c.type);
      assert.deepStrictEqual(got, c.want);
    });
  }
}

describe('strategic merge patch: what kubectl sends', () => {
  run([
    {
      name: 'client-side apply three-way patch ($setElementOrder, annotations, labels: null)',
      type: 'V1Pod',
      live: pod(
        { containers: [{ name: 'side', image: 'busybox:1.36' }, { name: 'app', image: 'nginx:1.28', ports: [{ containerPort: 80, protocol: 'TCP' }] }], restartPolicy: 'Always' },
        { name: 'web-2', labels: { tier: 'x' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old\n', note: 'keep' } },
      ),
      patch: {
        metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{...}\n' }, labels: null },
        spec: {
          '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }],
          containers: [{ image: 'nginx:1.29', name: 'app' }, { image: 'busybox', name: 'side' }],
        },
      },
      want: pod(
        { containers: [{ name: 'app', image: 'nginx:1.29', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'side', image: 'busybox' }], restartPolicy: 'Always' },
        { name: 'web-2', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{...}\n', note: 'keep' } },
      ),
    },
    {
      name: 'client-side apply removing a container ($patch: delete item)',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'busybox' }] }),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ $patch: 'delete', name: 'side' }] } },
      want: pod({ containers: [{ name: 'app', image: 'nginx' }] }),
    },
    {
      name: 'kubectl set image changes one container and keeps the rest',
      type: 'V1Deployment',
      live: deployment({ containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, { name: 'log', image: 'fluentd' }] }),
      patch: { spec: { template: { spec: { containers: [{ image: 'nginx:1.27', name: 'web' }] } } } },
      want: deployment({ containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }, { name: 'log', image: 'fluentd' }] }),
    },
    {
      name: 'kubectl rollout restart adds the restartedAt template annotation',
      type: 'V1Deployment',
      live: deployment({ containers: [{ name: 'web', image: 'nginx' }] }),
      patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-02T03:04:05Z' } } } } },
      want: (() => {
        const d = deployment({ containers: [{ name: 'web', image: 'nginx' }] });
        ((d.spec as J).template as J).metadata = { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-02T03:04:05Z' } };
        return d;
      })(),
    },
    {
      name: 'kubectl rollout pause and resume',
      type: 'V1Deployment',
      live: deployment({ containers: [{ name: 'web', image: 'nginx' }] }, { paused: true }),
      patch: { spec: { paused: null } },
      want: deployment({ containers: [{ name: 'web', image: 'nginx' }] }),
    },
  ]);
});

describe('strategic merge patch: merge keys', () => {
  run([
    {
      name: 'env var deleted with $patch: delete',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }] }] }),
      patch: { spec: { containers: [{ name: 'app', env: [{ name: 'B', $patch: 'delete' }] }] } },
      want: pod({ containers: [{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }] }] }),
    },
    {
      name: 'env vars merged by name: update one, append one',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }] }] }),
      patch: { spec: { containers: [{ name: 'app', env: [{ name: 'C', value: '30' }, { name: 'D', value: '4' }] }] } },
      want: pod({ containers: [{ name: 'app', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '30' }, { name: 'D', value: '4' }] }] }),
    },
    {
      name: 'container ports merged by containerPort',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }] }] }),
      patch: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 443, name: 'https' }, { containerPort: 8080 }] }] } },
      want: pod({ containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 443, name: 'https', protocol: 'TCP' }, { containerPort: 8080 }] }] }),
    },
    {
      name: 'service ports merged by port',
      type: 'V1Service',
      live: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] } },
      patch: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
      want: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 9090, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] } },
    },
    {
      name: 'tolerations are replaced wholesale',
      type: 'V1Pod',
      live: pod({ tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] }),
      patch: { spec: { tolerations: [{ key: 'b', operator: 'Equal', value: 'x', effect: 'NoSchedule' }] } },
      want: pod({ tolerations: [{ key: 'b', operator: 'Equal', value: 'x', effect: 'NoSchedule' }] }),
    },
    {
      name: 'args are replaced wholesale',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app', args: ['--a', '--b'] }] }),
      patch: { spec: { containers: [{ name: 'app', args: ['--c'] }] } },
      want: pod({ containers: [{ name: 'app', args: ['--c'] }] }),
    },
    {
      name: 'PodDisruptionBudget selector (patchStrategy replace) is replaced, not merged',
      type: 'V1PodDisruptionBudget',
      live: { metadata: { name: 'p' }, spec: { minAvailable: 1, selector: { matchLabels: { a: '1' } } } },
      patch: { spec: { selector: { matchLabels: { b: '2' } } } },
      want: { metadata: { name: 'p' }, spec: { minAvailable: 1, selector: { matchLabels: { b: '2' } } } },
    },
  ]);
});

/** One list field per merge-key kind: live [a, b], patch [b', c] merges b and appends c. */
const keyed: [string, string[], string][] = [
  ['V1Pod', ['spec', 'containers'], 'name'],
  ['V1Pod', ['spec', 'initContainers'], 'name'],
  ['V1Pod', ['spec', 'ephemeralContainers'], 'name'],
  ['V1Pod', ['spec', 'imagePullSecrets'], 'name'],
  ['V1Pod', ['spec', 'volumes'], 'name'],
  ['V1Pod', ['spec', 'hostAliases'], 'ip'],
  ['V1Pod', ['spec', 'topologySpreadConstraints'], 'topologyKey'],
  ['V1Pod', ['spec', 'schedulingGates'], 'name'],
  ['V1Pod', ['spec', 'resourceClaims'], 'name'],
  ['V1Pod', ['metadata', 'ownerReferences'], 'uid'],
  ['V1Pod', ['status', 'conditions'], 'type'],
  ['V1Pod', ['status', 'podIPs'], 'ip'],
  ['V1Pod', ['status', 'hostIPs'], 'ip'],
  ['V1Node', ['status', 'addresses'], 'type'],
  ['V1Node', ['status', 'conditions'], 'type'],
  ['V1ServiceAccount', ['secrets'], 'name'],
  ['V1Deployment', ['status', 'conditions'], 'type'],
  ['V1Job', ['status', 'conditions'], 'type'],
  ['V1Namespace', ['status', 'conditions'], 'type'],
  ['V1Service', ['status', 'conditions'], 'type'],
  ['V1Service', ['spec', 'ports'], 'port'],
];
const nested: [string, string][] = [['ports', 'containerPort'], ['env', 'name'], ['volumeMounts', 'mountPath'], ['volumeDevices', 'devicePath']];

function at(path: string[], value: unknown): J {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value) as J;
}

describe('strategic merge patch: every merge-key kind', () => {
  const item = (key: string, k: string, extra: J = {}): J => ({ [key]: k, ...extra });
  run(keyed.map(([type, path, key]) => ({
    name: `${type} ${path.join('.')} merges by ${key}`,
    type,
    live: at(path, [item(key, 'a', { x: 1 }), item(key, 'b', { x: 2 })]),
    patch: at(path, [item(key, 'b', { x: 3, y: 4 }), item(key, 'c')]),
    want: at(path, [item(key, 'a', { x: 1 }), item(key, 'b', { x: 3, y: 4 }), item(key, 'c')]),
  })));
  run(nested.map(([field, key]) => ({
    name: `V1Container ${field} merges by ${key}`,
    type: 'V1Pod',
    live: pod({ containers: [{ name: 'app', [field]: [item(key, 'a', { x: 1 }), item(key, 'b', { x: 2 })] }] }),
    patch: { spec: { containers: [{ name: 'app', [field]: [item(key, 'b', { x: 3 })] }] } },
    want: pod({ containers: [{ name: 'app', [field]: [item(key, 'a', { x: 1 }), item(key, 'b', { x: 3 })] }] }),
  })));
  run([
    {
      name: 'finalizers merge as a primitive set (union, patch order for patched items)',
      type: 'V1Pod',
      live: { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] } },
      patch: { metadata: { finalizers: ['c', 'a', 'x'] } },
      want: { metadata: { name: 'p', finalizers: ['b', 'c', 'a', 'x'] } },
    },
    {
      name: 'node podCIDRs merge as a primitive set',
      type: 'V1Node',
      live: { spec: { podCIDRs: ['10.0.0.0/24'] } },
      patch: { spec: { podCIDRs: ['10.0.0.0/24', 'fd00::/64'] } },
      want: { spec: { podCIDRs: ['10.0.0.0/24', 'fd00::/64'] } },
    },
    {
      name: 'untagged lists of objects are replaced (CRD status.conditions, readinessGates, envFrom)',
      type: 'V1CustomResourceDefinition',
      live: { status: { conditions: [{ type: 'Established', status: 'True' }, { type: 'NamesAccepted', status: 'True' }] } },
      patch: { status: { conditions: [{ type: 'Established', status: 'False' }] } },
      want: { status: { conditions: [{ type: 'Established', status: 'False' }] } },
    },
  ]);
});

describe('strategic merge patch: directives', () => {
  run([
    {
      name: '$retainKeys: deployment strategy RollingUpdate -> Recreate drops rollingUpdate',
      type: 'V1Deployment',
      live: deployment({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }),
      patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
      want: deployment({}, { strategy: { type: 'Recreate' } }),
    },
    {
      name: 'without $retainKeys the other strategy keys stay',
      type: 'V1Deployment',
      live: deployment({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }),
      patch: { spec: { strategy: { type: 'Recreate' } } },
      want: deployment({}, { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
    },
    {
      name: '$retainKeys on a volume switches its source',
      type: 'V1Pod',
      live: pod({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'cache', emptyDir: { medium: 'Memory' } }] }),
      patch: { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cfg' } }] } },
      want: pod({ volumes: [{ name: 'data', configMap: { name: 'cfg' } }, { name: 'cache', emptyDir: { medium: 'Memory' } }] }),
    },
    {
      name: '$setElementOrder reorders and interleaves server-only items by live order',
      type: 'V1Pod',
      live: pod({ containers: ['c1', 'c2', 'c7', 'c9', 'c8', 'c3', 'c4'].map((name) => ({ name })) }),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c1' }, { name: 'c4' }, { name: 'c3' }] } },
      want: pod({ containers: ['c2', 'c1', 'c7', 'c9', 'c8', 'c4', 'c3'].map((name) => ({ name })) }),
    },
    {
      name: '$setElementOrder puts a trailing server-only item last',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'c1', image: 'a' }, { name: 'c3' }, { name: 'c4' }, { name: 'c2' }, { name: 'c9' }] }),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'c4' }, { name: 'c2' }, { name: 'c3' }, { name: 'c1' }] } },
      want: pod({ containers: [{ name: 'c4' }, { name: 'c2' }, { name: 'c3' }, { name: 'c1', image: 'a' }, { name: 'c9' }] }),
    },
    {
      name: 'apply replacing containers next to a server-only one keeps upstream order (delete + add)',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'c1' }, { name: 'c2', image: 'b' }, { name: 'c4', image: 'c' }] }),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c3' }], containers: [{ name: 'c3' }, { name: 'c1', $patch: 'delete' }] } },
      want: pod({ containers: [{ name: 'c2', image: 'b' }, { name: 'c4', image: 'c' }, { name: 'c3' }] }),
    },
    {
      name: 'apply adding two containers and deleting one puts the server-only one first',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'c1', image: 'a' }, { name: 'c4', image: 'c' }] }),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'c2' }, { name: 'c3' }], containers: [{ name: 'c2' }, { name: 'c3' }, { name: 'c1', $patch: 'delete' }] } },
      want: pod({ containers: [{ name: 'c4', image: 'c' }, { name: 'c2' }, { name: 'c3' }] }),
    },
    {
      name: '$setElementOrder for a list absent from the live object',
      type: 'V1Pod',
      live: pod({}),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'b', image: 'x' }, { name: 'a', image: 'y', env: null }] } },
      want: pod({ containers: [{ name: 'b', image: 'x' }, { name: 'a', image: 'y' }] }),
    },
    {
      name: '$setElementOrder and $deleteFromPrimitiveList on finalizers',
      type: 'V1Pod',
      live: { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] } },
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['c', 'a'] } },
      want: { metadata: { name: 'p', finalizers: ['c', 'a'] } },
    },
    {
      name: '$deleteFromPrimitiveList on a list the live object lacks is a no-op',
      type: 'V1Pod',
      live: { metadata: { name: 'p' } },
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
      want: { metadata: { name: 'p' } },
    },
    {
      name: '$patch: replace on a map',
      type: 'V1Pod',
      live: pod({}, { name: 'p', labels: { a: '1', b: '2' } }),
      patch: { metadata: { labels: { $patch: 'replace', x: 'y' } } },
      want: pod({}, { name: 'p', labels: { x: 'y' } }),
    },
    {
      name: '$patch: delete on a map empties it',
      type: 'V1Deployment',
      live: deployment({}, { strategy: { type: 'Recreate' } }),
      patch: { spec: { strategy: { $patch: 'delete' } } },
      want: deployment({}, { strategy: {} }),
    },
    {
      name: 'a map carrying $patch is dropped where the live object has no such key (upstream removeDirectives)',
      type: 'V1Deployment',
      live: deployment({}),
      patch: { spec: { strategy: { $patch: 'replace', type: 'Recreate' } } },
      want: deployment({}),
    },
    {
      name: '$patch: replace in a merge list replaces the whole list',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'a' }, { name: 'b' }] }),
      patch: { spec: { containers: [{ $patch: 'replace' }, { name: 'new', image: 'x' }] } },
      want: pod({ containers: [{ name: 'new', image: 'x' }] }),
    },
    {
      name: '$patch: delete removes every item with that key',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'a' }, { name: 'a', image: 'dup' }, { name: 'b' }] }),
      patch: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } },
      want: pod({ containers: [{ name: 'b' }] }),
    },
  ]);
});

describe('strategic merge patch: nulls, types, cleanup', () => {
  run([
    {
      name: 'null deletes a key and is ignored for a missing one',
      type: 'V1Pod',
      live: pod({}, { name: 'p', labels: { gone: 'x', kept: 'y' } }),
      patch: { metadata: { labels: { gone: null, missing: null } } },
      want: pod({}, { name: 'p', labels: { kept: 'y' } }),
    },
    {
      name: 'nulls inside a new subtree are discarded',
      type: 'V1Pod',
      live: pod({}),
      patch: { spec: { securityContext: { runAsUser: 1000, fsGroup: null } } },
      want: pod({ securityContext: { runAsUser: 1000 } }),
    },
    {
      name: 'a new list item loses nulls and leftover directive keys (and, with no $setElementOrder, comes first)',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app' }] }),
      patch: { spec: { containers: [{ name: 'new', image: 'x', env: null, '$setElementOrder/env': [{ name: 'A' }], resources: { $patch: 'replace', limits: { cpu: '1' } } }] } },
      want: pod({ containers: [{ name: 'new', image: 'x', resources: { limits: { cpu: '1' } } }, { name: 'app' }] }),
    },
    {
      name: 'a value of another shape replaces the live one',
      type: 'V1Pod',
      live: pod({ nodeSelector: { a: 'b' }, hostname: 'h' }),
      patch: { spec: { nodeSelector: 'oops', hostname: { x: null, y: 1 } } },
      want: pod({ nodeSelector: 'oops', hostname: { y: 1 } }),
    },
    {
      name: '$setElementOrder over an empty live list and no patch list leaves it empty',
      type: 'V1Pod',
      live: pod({ containers: [{ name: 'app', env: [] }] }),
      patch: { spec: { containers: [{ name: 'app', '$setElementOrder/env': [] }] } },
      want: pod({ containers: [{ name: 'app', env: [] }] }),
    },
    {
      name: 'a null patch changes nothing',
      type: 'V1Pod',
      live: pod({ hostname: 'h' }),
      patch: null,
      want: pod({ hostname: 'h' }),
    },
    {
      name: 'a type unknown to the schema (custom resource) gets JSON merge patch semantics',
      type: 'V1Widget',
      live: { apiVersion: 'example.com/v1', kind: 'Widget', spec: { items: [{ name: 'a' }, { name: 'b' }], size: 1 } },
      patch: { spec: { items: [{ name: 'b' }], size: null, color: 'red' } },
      want: { apiVersion: 'example.com/v1', kind: 'Widget', spec: { items: [{ name: 'b' }], color: 'red' } },
    },
  ]);

  it('returns a fresh object, sharing nothing with its inputs', () => {
    const live = deepFreeze(pod({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] }));
    const patch = deepFreeze({ spec: { containers: [{ name: 'b', env: [{ name: 'Y' }] }] } });
    const out = applyStrategicMergePatch(live, patch, 'V1Pod') as J;
    const containers = (out.spec as J).containers as J[];
    assert.notEqual(containers[0], (live.spec as J & { containers: J[] }).containers[0]);
    assert.notEqual(containers[1], (patch.spec as { containers: J[] }).containers[0]);
    assert.ok(!Object.isFrozen(containers[1]));
  });
});
