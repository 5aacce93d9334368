import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Path } from '../../../api/field.js';
import type { Container, PodSpec } from '../../../api/types.js';
import { defaultPodSpec } from '../../defaults/pod.js';
import { validatePodSpec } from './spec.js';
import { defaultPodValidationOptions, podValidationOptions, validDeletionCost } from './common.js';
import { lines, validPod } from './testutil.js';

const specErrs = (mutate: (s: PodSpec) => void, opts = defaultPodValidationOptions(true)): string[] => {
  const spec = validPod().spec!;
  mutate(spec);
  defaultPodSpec(spec);
  return lines(validatePodSpec(spec, { name: 'web', namespace: 'default' }, new Path('spec'), opts));
};

test('ephemeral containers: unique names, existing target, restricted fields, no subPath', () => {
  const out = specErrs((s) => {
    s.volumes = [{ name: 'data', emptyDir: {} }];
    s.ephemeralContainers = [
      { name: 'nginx', image: 'busybox', targetContainerName: 'ghost' },
      { name: 'dbg', image: 'busybox', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'x' }] } as Container,
    ];
  });
  assert.deepEqual(out, [
    'spec.ephemeralContainers[0].name: Duplicate value: "nginx"',
    'spec.ephemeralContainers[0].targetContainerName: Not found: "ghost"',
    'spec.ephemeralContainers[1].ports: Forbidden: cannot be set for an Ephemeral Container',
    'spec.ephemeralContainers[1].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container',
  ]);
});

test('projected volumes: one type per source, unique paths; downwardAPI items need a selector', () => {
  const out = specErrs((s) => {
    s.serviceAccountName = 'default';
    s.volumes = [
      {
        name: 'proj',
        projected: {
          sources: [
            { configMap: { name: 'a', items: [{ key: 'k', path: 'same' }] }, secret: { name: 's' } },
            { configMap: { name: 'b', items: [{ key: 'k', path: 'same' }] } },
            { serviceAccountToken: { path: 'token', expirationSeconds: 60 } },
          ],
        },
      },
      { name: 'dapi', downwardAPI: { items: [{ path: 'x' }, { path: 'y', fieldRef: { fieldPath: 'spec.nodeName' } }] } },
    ];
  });
  assert.deepEqual(out, [
    'spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source',
    'spec.volumes[0].projected: Invalid value: "b": conflicting duplicate paths',
    'spec.volumes[0].projected.sources[2].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    'spec.volumes[1].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
    'spec.volumes[1].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
  ]);
});

test('volumeDevices need a PVC-backed volume and must not clash with mounts', () => {
  const out = specErrs((s) => {
    s.volumes = [{ name: 'data', emptyDir: {} }, { name: 'blk', persistentVolumeClaim: { claimName: 'c' } }];
    s.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/dev/xvda' }];
    s.containers[0]!.volumeDevices = [
      { name: 'data', devicePath: '/dev/xvda' },
      { name: 'blk', devicePath: '/dev/../x' },
    ];
  });
  assert.deepEqual(out, [
    'spec.containers[0].volumeMounts[0].name: Invalid value: "data": must not already exist in volumeDevices',
    'spec.containers[0].volumeMounts[0].mountPath: Invalid value: "/dev/xvda": must not already exist as a path in volumeDevices',
    'spec.containers[0].volumeDevices[0].name: Invalid value: "data": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
    'spec.containers[0].volumeDevices[0].name: Invalid value: "data": must not already exist in volumeMounts',
    'spec.containers[0].volumeDevices[0].devicePath: Invalid value: "/dev/xvda": must not already exist as a path in volumeMounts',
    "spec.containers[0].volumeDevices[1].devicePath: Invalid value: \"/dev/../x\": can not contain backsteps ('..')",
  ]);
});

test('pod affinity terms: label selectors, namespaces, match label keys', () => {
  const out = specErrs((s) => {
    s.affinity = {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
            namespaces: ['Bad'],
            matchLabelKeys: ['app'],
            mismatchLabelKeys: ['app'],
          },
        ],
      },
    };
  });
  assert.equal(out.length, 2);
  assert.match(out[0]!, /^spec\.affinity\.podAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.namespace: Invalid value: "Bad": a lowercase RFC 1123 label/);
  assert.equal(out[1], 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and mismatchLabelKeys');
});

test('hugepages need cpu or memory and whole pages', () => {
  const out = specErrs((s) => (s.containers[0]!.resources = { limits: { 'hugepages-2Mi': '3Mi' } }));
  assert.deepEqual(out, [
    'spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
    'spec.containers[0].resources: Forbidden: HugePages require cpu or memory',
  ]);
});

test('templates allow hostPort 0 with hostNetwork; pods do not', () => {
  const mutate = (s: PodSpec): void => {
    s.hostNetwork = true;
    s.containers[0]!.ports = [{ containerPort: 80, hostPort: 0 }];
  };
  assert.deepEqual(specErrs(mutate, defaultPodValidationOptions(false)), []);
  assert.deepEqual(specErrs(mutate, defaultPodValidationOptions(true)), [
    'spec.containers[0].ports[0].hostPort: Invalid value: 0: must match `containerPort` when `hostNetwork` is true',
  ]);
});

test('validation options: strict env names when relaxed validation is off; old invalid data is tolerated', () => {
  const opts = { ...defaultPodValidationOptions(true), allowRelaxedEnvironmentVariableValidation: false };
  const out = specErrs((s) => (s.containers[0]!.env = [{ name: '1X', value: 'v' }]), opts);
  assert.match(out[0]!, /^spec\.containers\[0\]\.env\[0\]\.name: Invalid value: "1X": a valid environment variable name must consist of alphabetic characters/);
  const old = validPod((p) => (p.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'z', labelSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['-bad'] }] } }] } }));
  assert.equal(podValidationOptions(old.spec).allowInvalidLabelValueInSelector, true);
  assert.equal(podValidationOptions(validPod().spec).allowInvalidLabelValueInSelector, false);
  assert.equal(validDeletionCost({ 'controller.kubernetes.io/pod-deletion-cost': '-10' }), true);
  assert.equal(validDeletionCost({ 'controller.kubernetes.io/pod-deletion-cost': '+10' }), false);
  assert.equal(validDeletionCost({ 'controller.kubernetes.io/pod-deletion-cost': '4294967296' }), false);
});

test('a second volume source is Forbidden on upstream\'s path (including its downwarAPI typo)', () => {
  const out = specErrs((s) => (s.volumes = [{ name: 'v', secret: { secretName: 's' }, downwardAPI: { items: [] } }]));
  assert.deepEqual(out, ['spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type']);
});
