import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Path } from '../../api/field.js';
import type { Pod, PodTemplateSpec } from '../../api/types.js';
import { defaultPod, defaultPodTemplateSpec } from '../defaults/pod.js';
import { validatePod, validatePodSpec, validatePodTemplateSpec } from './pod.js';
import { lines, validPod } from './pod/testutil.js';

const check = (pod: Pod): string[] => lines(validatePod(pod));
const LABEL_RE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

test('a defaulted plain pod is valid', () => {
  assert.deepEqual(check(validPod()), []);
});

test('the seed notes examples validate cleanly after defaulting', () => {
  const examples: Pod[] = [
    { metadata: { name: 'initial-delay' }, spec: { containers: [{ name: 'initial-delay', image: 'centos', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 600'], readinessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 30, periodSeconds: 5 } }] } },
    { metadata: { name: 'liveness1' }, spec: { containers: [{ name: 'liveness', image: 'centos', livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 10, periodSeconds: 5 } }] } },
    { metadata: { name: 'http-probe' }, spec: { containers: [{ name: 'http-probe', image: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 30, periodSeconds: 5, successThreshold: 2 } }] } },
    { metadata: { name: 'readiness-gate', labels: { app: 'readiness-gate' } }, spec: { readinessGates: [{ conditionType: 'www.example.com/feature-1' }], containers: [{ name: 'readiness-gate', image: 'nginx' }] } },
    { metadata: { name: 'poststart' }, spec: { containers: [{ name: 'lifecycle-demo-container', image: 'nginx', lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', 'echo Hello > /usr/share/message'] } } } }] } },
    { metadata: { name: 'no-sigterm' }, spec: { terminationGracePeriodSeconds: 60, containers: [{ name: 'no-sigterm', image: 'centos', command: ['/bin/sh'], args: ['-c', 'while true; do echo hello; sleep 10;done'] }] } },
    { metadata: { name: 'prestop' }, spec: { containers: [{ name: 'lifecycle-demo-container', image: 'nginx', lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'nginx -s quit'] } } } }] } },
  ];
  for (const pod of examples) {
    pod.metadata!.namespace = 'default';
    assert.deepEqual(check(defaultPod(pod)), [], pod.metadata!.name);
  }
});

test('metadata: name required, namespace required', () => {
  assert.deepEqual(check(validPod((p) => (p.metadata = { namespace: 'default' }))), ['metadata.name: Required value: name or generateName is required']);
  assert.deepEqual(check(validPod((p) => (p.metadata = { name: 'x' }))), ['metadata.namespace: Required value']);
});

test('containers are required', () => {
  assert.deepEqual(check(validPod((p) => (p.spec.containers = []))), ['spec.containers: Required value']);
});

test('container names: DNS-1123 label, required, unique', () => {
  assert.deepEqual(check(validPod((p) => (p.spec.containers[0]!.name = 'Nginx'))), [`spec.containers[0].name: Invalid value: "Nginx": ${LABEL_RE}`]);
  assert.deepEqual(check(validPod((p) => (p.spec.containers[0]!.name = ''))), ['spec.containers[0].name: Required value']);
  const dup = validPod((p) => p.spec.containers.push({ name: 'nginx', image: 'busybox' }));
  assert.deepEqual(check(dup), ['spec.containers[1].name: Duplicate value: "nginx"']);
});

test('image is required and must not have surrounding whitespace in a Pod', () => {
  assert.deepEqual(check(validPod((p) => (p.spec.containers[0]!.image = ''))), ['spec.containers[0].image: Required value']);
  assert.deepEqual(check(validPod((p) => (p.spec.containers[0]!.image = ' nginx'))), [
    'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
  ]);
});

test('pull policy and termination message policy are enumerations', () => {
  const pod = validPod();
  pod.spec!.containers[0]!.imagePullPolicy = 'Sometimes';
  pod.spec!.containers[0]!.terminationMessagePolicy = 'Log';
  assert.deepEqual(check(pod), [
    'spec.containers[0].terminationMessagePolicy: Unsupported value: "Log": supported values: "File", "FallbackToLogsOnError"',
    'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
  ]);
});

test('ports: range, protocol, names, host port conflicts', () => {
  const pod = validPod((p) => {
    p.spec.containers[0]!.ports = [
      { containerPort: 70000 },
      { containerPort: 80, protocol: 'HTTP', name: 'web' },
      { containerPort: 81, name: 'web', hostPort: 70000 },
      { containerPort: 82, name: 'Bad' },
    ];
  });
  pod.spec!.containers[0]!.ports!.push({ containerPort: 0, protocol: 'TCP' });
  assert.deepEqual(check(pod), [
    'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    'spec.containers[0].ports[2].name: Duplicate value: "web"',
    'spec.containers[0].ports[2].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[3].name: Invalid value: "Bad": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].ports[4].containerPort: Required value',
  ]);
  const conflict = validPod((p) => {
    p.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }];
    p.spec.containers.push({ name: 'side', image: 'x:1', ports: [{ containerPort: 81, hostPort: 8080 }] });
  });
  assert.deepEqual(check(conflict), ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
});

test('env: names, exactly one valueFrom source, no value with valueFrom', () => {
  const pod = validPod((p) => {
    p.spec.containers[0]!.env = [
      { name: '' },
      { name: 'A=B' },
      { name: 'E', valueFrom: {} },
      { name: 'F', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'G', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } },
      { name: 'H', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } },
      { name: 'I', valueFrom: { configMapKeyRef: { name: 'c', key: 'bad/key' } } },
      { name: 'J', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1Ki' } } },
      { name: '1 relaxed-name!', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
    ];
  });
  assert.deepEqual(check(pod), [
    'spec.containers[0].env[0].name: Required value',
    "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
    'spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    'spec.containers[0].env[3].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    'spec.containers[0].env[4].valueFrom: Invalid value: "": may not have more than one field specified at a time',
    'spec.containers[0].env[5].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    "spec.containers[0].env[6].valueFrom.configMapKeyRef.key: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    'spec.containers[0].env[7].valueFrom.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource',
  ]);
});

test('envFrom needs exactly one source', () => {
  const pod = validPod((p) => (p.spec.containers[0]!.envFrom = [{ prefix: 'P_' }, { configMapRef: { name: 'c' }, secretRef: { name: 's' } }]));
  assert.deepEqual(check(pod), [
    'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
    'spec.containers[0].envFrom: Invalid value: "": may not have more than one field specified at a time',
  ]);
});

test('resources: names, non-negative quantities, requests <= limits', () => {
  const pod = validPod((p) => (p.spec.containers[0]!.resources = { limits: { cpu: '1', gpu: '1' }, requests: { cpu: '2', memory: '-1Mi' } }));
  assert.deepEqual(check(pod), [
    'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
    // gpu was copied from limits into requests by defaulting, so it is reported twice.
    'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
  ]);
  const ext = validPod((p) => (p.spec.containers[0]!.resources = { limits: { 'example.com/dongle': '1' }, requests: { 'example.com/dongle': '2' } }));
  assert.deepEqual(check(ext), ['spec.containers[0].resources.requests: Invalid value: "2": must be equal to example.com/dongle limit of 1']);
  const bad = validPod((p) => (p.spec.containers[0]!.resources = { requests: { cpu: 'lots' } }));
  assert.match(check(bad)[0]!, /^spec\.containers\[0\]\.resources\.requests\[cpu\]: Invalid value: "lots": quantities must match the regular expression/);
  const frac = validPod((p) => (p.spec.containers[0]!.resources = { limits: { 'example.com/dongle': '500m' } }));
  assert.deepEqual(check(frac), [
    'spec.containers[0].resources.limits[example.com/dongle]: Invalid value: "500m": must be an integer',
    'spec.containers[0].resources.requests[example.com/dongle]: Invalid value: "500m": must be an integer',
  ]);
});

test('probes: one handler, thresholds, successThreshold 1 for liveness and startup', () => {
  const pod = validPod((p) => {
    p.spec.containers[0]!.livenessProbe = { successThreshold: 2 };
    p.spec.containers[0]!.readinessProbe = { exec: { command: ['true'] }, tcpSocket: { port: 80 }, successThreshold: 2, terminationGracePeriodSeconds: 5 };
    p.spec.containers[0]!.startupProbe = { httpGet: { port: 'Bad_Name' }, initialDelaySeconds: -1 };
  });
  assert.deepEqual(check(pod), [
    'spec.containers[0].livenessProbe: Required value: must specify a handler type',
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes',
    'spec.containers[0].startupProbe.httpGet.port: Invalid value: "Bad_Name": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].startupProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0',
  ]);
  const neg = validPod((p) => (p.spec.containers[0]!.livenessProbe = { exec: { command: [] }, terminationGracePeriodSeconds: 0, periodSeconds: 3 }));
  neg.spec!.containers[0]!.livenessProbe!.periodSeconds = -1;
  assert.deepEqual(check(neg), [
    'spec.containers[0].livenessProbe.exec.command: Required value',
    'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
  ]);
});

test('lifecycle hooks: a handler is required; sleep within the grace period', () => {
  const pod = validPod((p) => (p.spec.containers[0]!.lifecycle = { preStop: {}, postStart: { sleep: { seconds: 60 } } }));
  assert.deepEqual(check(pod), [
    'spec.containers[0].lifecycle.postStart.sleep: Invalid value: 60: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.',
    'spec.containers[0].lifecycle.preStop: Required value: must specify a handler type',
  ]);
});

test('restartPolicy, dnsPolicy and preemptionPolicy are enumerations', () => {
  const pod = validPod((p) => {
    p.spec.restartPolicy = 'Sometimes';
    p.spec.dnsPolicy = 'Google';
    p.spec.preemptionPolicy = 'Maybe';
  });
  assert.deepEqual(check(pod), [
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    'spec.preemptionPolicy: Unsupported value: "Maybe": supported values: "PreemptLowerPriority", "Never"',
  ]);
});

test('terminationGracePeriodSeconds is required and activeDeadlineSeconds must be positive', () => {
  const spec = validPod().spec!;
  delete spec.terminationGracePeriodSeconds;
  spec.activeDeadlineSeconds = 0;
  assert.deepEqual(lines(validatePodSpec(spec, undefined, new Path('spec'))), [
    'spec.terminationGracePeriodSeconds: Required value',
    'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
  ]);
});

test('volumes: names, one source, source fields, duplicates', () => {
  const pod = validPod((p) => {
    p.spec.volumes = [
      { name: 'data', emptyDir: {} },
      { name: 'data', emptyDir: {} },
      { name: 'two', emptyDir: {}, hostPath: { path: '/x' } },
      { name: 'Bad_Name', emptyDir: {} },
      { name: 'sec', secret: { defaultMode: 0o1000 } },
      { name: 'cm', configMap: { name: 'c', items: [{ key: 'k', path: '/abs' }] } },
      { name: 'sized', emptyDir: { sizeLimit: '-1' } },
      { name: 'hp', hostPath: { path: '/x', type: 'Weird' } },
    ];
  });
  assert.deepEqual(check(pod), [
    'spec.volumes[1].name: Duplicate value: "data"',
    'spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type',
    `spec.volumes[3].name: Invalid value: "Bad_Name": ${LABEL_RE}`,
    'spec.volumes[4].secret.secretName: Required value',
    'spec.volumes[4].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
    'spec.volumes[5].configMap.items[0].path: Invalid value: "/abs": must be a relative path',
    'spec.volumes[6].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity',
    'spec.volumes[7].hostPath.type: Unsupported value: "Weird": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
  ]);
  const none = validPod();
  none.spec!.volumes = [{ name: 'empty' }];
  assert.deepEqual(check(none), ['spec.volumes[0]: Required value: must specify a volume type']);
});

test('volumeMounts must reference existing volumes, with unique paths and safe subPaths', () => {
  const pod = validPod((p) => {
    p.spec.volumes = [{ name: 'data', emptyDir: {} }];
    p.spec.containers[0]!.volumeMounts = [
      { name: 'missing', mountPath: '/a' },
      { name: 'data', mountPath: '/a' },
      { name: 'data', mountPath: '', subPath: '../up' },
    ];
  });
  assert.deepEqual(check(pod), [
    'spec.containers[0].volumeMounts[0].name: Not found: "missing"',
    'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/a": must be unique',
    'spec.containers[0].volumeMounts[2].mountPath: Required value',
    "spec.containers[0].volumeMounts.subPath: Invalid value: \"../up\": must not contain '..'",
  ]);
});

test('tolerations: operator/value/effect rules', () => {
  const pod = validPod((p) => {
    p.spec.tolerations = [
      { key: 'k', operator: 'Exists', value: 'v' },
      { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule', tolerationSeconds: 5 },
      { key: 'k', operator: 'Equal', effect: 'Sometimes' },
      { operator: 'Equal' },
      { key: 'k', operator: 'Like' },
      { operator: 'Exists' },
    ];
  });
  assert.deepEqual(check(pod), [
    "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    "spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    'spec.tolerations[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    'spec.tolerations[3].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    'spec.tolerations[4].operator: Unsupported value: "Like": supported values: "Equal", "Exists"',
  ]);
});

test('nodeSelector labels, readiness gates and scheduling gates', () => {
  const pod = validPod((p) => {
    p.spec.nodeSelector = { 'disk type': 'ssd' };
    p.spec.readinessGates = [{ conditionType: 'www.example.com/feature-1' }, { conditionType: 'a/b/c' }];
    p.spec.schedulingGates = [{ name: 'example.com/g' }, { name: 'example.com/g' }];
  });
  const out = check(pod);
  assert.equal(out.length, 3);
  assert.match(out[0]!, /^spec\.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters/);
  assert.match(out[1]!, /^spec\.readinessGates\[1\]\.conditionType: Invalid value: "a\/b\/c": a qualified name must consist of/);
  assert.equal(out[2], 'spec.schedulingGates[1]: Duplicate value: "example.com/g"');
});

test('init containers: unique names across kinds, restartPolicy only Always, probes only for sidecars', () => {
  const pod = validPod((p) => {
    p.spec.initContainers = [
      { name: 'nginx', image: 'busybox' },
      { name: 'init', image: 'busybox', restartPolicy: 'OnFailure', livenessProbe: { exec: { command: ['true'] } } },
      { name: 'sidecar', image: 'envoy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 9901 } } },
    ];
    p.spec.containers[0]!.restartPolicy = 'Always';
  });
  assert.deepEqual(check(pod), [
    'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    'spec.initContainers[0].name: Duplicate value: "nginx"',
    'spec.initContainers[1].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    'spec.initContainers[1].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
  ]);
});

test('hostname, subdomain, priorityClassName, serviceAccountName, nodeName syntax', () => {
  const pod = validPod((p) => {
    p.spec.hostname = 'Host';
    p.spec.subdomain = 'a.b';
    p.spec.priorityClassName = 'High';
    p.spec.serviceAccountName = 'SA';
  });
  const out = check(pod);
  assert.deepEqual(
    out.map((l) => l.split(':')[0]),
    ['spec.serviceAccountName', 'spec.hostname', 'spec.subdomain', 'spec.priorityClassName'],
  );
  assert.equal(out[2], 'spec.subdomain: Invalid value: "a.b": must not contain dots');
});

test('create-only rules: no ephemeral containers, no nodeName while gated, token volume needs a service account', () => {
  const pod = validPod((p) => {
    p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    p.spec.nodeName = 'node1';
    p.spec.schedulingGates = [{ name: 'example.com/g' }];
    p.spec.volumes = [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }];
  });
  assert.deepEqual(check(pod), [
    'spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set',
    'spec.ephemeralContainers: Forbidden: cannot be set on create',
    'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
  ]);
});

test('hostNetwork: hostPort must match containerPort', () => {
  const pod = validPod((p) => {
    p.spec.hostNetwork = true;
    p.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }];
  });
  assert.deepEqual(check(pod), ['spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true']);
});

test('affinity, topology spread and DNS config', () => {
  const pod = validPod((p) => {
    p.spec.affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: '' } }] },
    };
    p.spec.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }];
    p.spec.dnsPolicy = 'None';
  });
  assert.deepEqual(check(pod), [
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty',
    "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"\": name part must be non-empty",
    "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
    'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
  ]);
  const dns = validPod((p) => (p.spec.dnsConfig = { nameservers: ['1.1.1.1', 'x'], searches: ['Bad.example'], options: [{}] }));
  const out = check(dns);
  assert.equal(out[0], 'spec.dnsConfig.nameservers[1]: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  assert.match(out[1]!, /^spec\.dnsConfig\.searches\[0\]: Invalid value: "Bad\.example": a lowercase RFC 1123 subdomain/);
  assert.equal(out[2], 'spec.dnsConfig.options[0]: Required value: must not be empty');
});

test('security contexts: IDs, seccomp, sysctls', () => {
  const pod = validPod((p) => {
    p.spec.securityContext = { runAsUser: -1, seccompProfile: { type: 'Localhost' }, sysctls: [{ name: 'net.core.somaxconn', value: '1' }] };
    p.spec.hostNetwork = true;
    p.spec.containers[0]!.securityContext = { runAsGroup: -2, allowPrivilegeEscalation: false, privileged: true };
  });
  const out = check(pod);
  assert.ok(out.includes('spec.containers[0].securityContext.runAsGroup: Invalid value: -2: must be between 0 and 2147483647, inclusive'));
  assert.ok(out.some((l) => l.startsWith('spec.containers[0].securityContext: Invalid value: ') && l.endsWith('cannot set `allowPrivilegeEscalation` to false and `privileged` to true')));
  assert.ok(out.includes('spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive'));
  assert.ok(out.includes("spec.securityContext.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true"));
  assert.ok(out.includes('spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost'));
});

test('pod-specific annotations: deletion cost and mirror pods', () => {
  const pod = validPod((p) => (p.metadata = { name: 'web', namespace: 'default', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '007', 'kubernetes.io/config.mirror': 'x' } }));
  assert.deepEqual(check(pod), [
    'metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "x": must set spec.nodeName if mirror pod annotation is set',
    'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "007": must be a 32bit integer',
  ]);
});

test('pod templates: labels on <path>.labels, spec checked, no ephemeral containers, any restartPolicy', () => {
  const tmpl: PodTemplateSpec = defaultPodTemplateSpec({
    metadata: { labels: { app: '-web' } },
    spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: '' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] },
  });
  const out = lines(validatePodTemplateSpec(tmpl, new Path('spec.template')));
  assert.match(out[0]!, /^spec\.template\.labels: Invalid value: "-web": a valid label must be an empty string/);
  assert.equal(out[1], 'spec.template.spec.containers[0].image: Required value');
  assert.equal(out[2], 'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template');
  assert.equal(out.length, 3);
});
