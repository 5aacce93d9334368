import type { DaemonSet, Deployment, PodTemplateSpec, ReplicaSet, StatefulSet } from '../../api/types.js';
import {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from './apps.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from '../defaults/apps.js';
import { isDNS1123Label } from './names.js';
import { runCases } from './testutil.js';

const template = (): PodTemplateSpec => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
const meta = () => ({ name: 'web', namespace: 'default', resourceVersion: '1' });

const deployment = (): Deployment => {
  const d: Deployment = { metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
  defaultDeployment(d);
  return d;
};
const ru = (d: Deployment) => d.spec!.strategy!.rollingUpdate!;

runCases('validateDeployment', deployment, validateDeployment, [
  { name: 'valid (defaulted)', mutate: () => {}, want: [] },
  { name: 'replicas non-negative', mutate: (d) => { d.spec!.replicas = -1; }, want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'selector required', mutate: (d) => { delete (d.spec as { selector?: unknown }).selector; }, want: ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'] },
  { name: 'selector must match template labels', mutate: (d) => { d.spec!.selector = { matchLabels: { app: 'api' } }; }, want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'] },
  { name: 'empty selector', mutate: (d) => { d.spec!.selector = {}; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'] },
  {
    name: 'selector with a bad operator',
    mutate: (d) => { d.spec!.selector = { matchExpressions: [{ key: 'app', operator: 'Near' }] }; },
    want: [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Near", Values:[]string(nil)}}}: invalid label selector',
    ],
  },
  { name: 'restartPolicy must be Always', mutate: (d) => { d.spec!.template.spec!.restartPolicy = 'Never'; }, want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'] },
  { name: 'activeDeadlineSeconds forbidden', mutate: (d) => { d.spec!.template.spec!.activeDeadlineSeconds = 10; }, want: ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'] },
  { name: 'pod template validated', mutate: (d) => { delete d.spec!.template.spec!.containers[0]!.image; }, want: ['spec.template.spec.containers[0].image: Required value'] },
  { name: 'strategy type values', mutate: (d) => { d.spec!.strategy = { type: 'BlueGreen' }; }, want: ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'] },
  { name: 'Recreate forbids rollingUpdate', mutate: (d) => { d.spec!.strategy!.type = 'Recreate'; }, want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"] },
  { name: 'Recreate alone is fine', mutate: (d) => { d.spec!.strategy = { type: 'Recreate' }; }, want: [] },
  { name: 'RollingUpdate needs rollingUpdate', mutate: (d) => { delete d.spec!.strategy!.rollingUpdate; }, want: ['spec.strategy.rollingUpdate: Required value: this should be defaulted and never be nil'] },
  {
    name: 'maxUnavailable and maxSurge not both 0',
    mutate: (d) => { ru(d).maxUnavailable = 0; ru(d).maxSurge = 0; },
    want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
  },
  { name: '0% and 0 count as zero', mutate: (d) => { ru(d).maxUnavailable = '0%'; ru(d).maxSurge = 0; }, want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0'] },
  {
    name: 'percent format',
    mutate: (d) => { ru(d).maxSurge = '25'; },
    want: ["spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
  },
  { name: 'negative maxSurge', mutate: (d) => { ru(d).maxSurge = -1; }, want: ['spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'maxUnavailable at most 100%', mutate: (d) => { ru(d).maxUnavailable = '150%'; }, want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'] },
  { name: 'revisionHistoryLimit non-negative', mutate: (d) => { d.spec!.revisionHistoryLimit = -1; }, want: ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'minReadySeconds non-negative', mutate: (d) => { d.spec!.minReadySeconds = -1; }, want: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'progressDeadlineSeconds > minReadySeconds', mutate: (d) => { d.spec!.minReadySeconds = 600; }, want: ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'] },
  { name: 'namespace required', mutate: (d) => { delete d.metadata!.namespace; }, want: ['metadata.namespace: Required value'] },
]);

runCases('validateDeploymentUpdate', deployment, (d) => validateDeploymentUpdate(d, deployment()), [
  { name: 'scale and image change', mutate: (d) => { d.spec!.replicas = 5; d.spec!.template.spec!.containers[0]!.image = 'nginx:1.28'; }, want: [] },
  {
    name: 'selector is immutable',
    mutate: (d) => { d.spec!.selector = { matchLabels: { app: 'web', tier: 'fe' } }; d.spec!.template.metadata!.labels!.tier = 'fe'; },
    want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'],
  },
  { name: 'spec rules still apply', mutate: (d) => { d.spec!.replicas = -2; }, want: ['spec.replicas: Invalid value: -2: must be greater than or equal to 0'] },
]);

const replicaSet = (): ReplicaSet => {
  const rs: ReplicaSet = { metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
  defaultReplicaSet(rs);
  return rs;
};
runCases('validateReplicaSet', replicaSet, validateReplicaSet, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'empty selector message names deployment (as upstream)', mutate: (r) => { r.spec!.selector = {}; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'] },
  { name: 'labels must match', mutate: (r) => { r.spec!.template!.metadata!.labels = { app: 'x' }; }, want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'] },
  { name: 'minReadySeconds non-negative', mutate: (r) => { r.spec!.minReadySeconds = -3; }, want: ['spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0'] },
]);
runCases('validateReplicaSetUpdate', replicaSet, (r) => validateReplicaSetUpdate(r, replicaSet()), [
  { name: 'scale', mutate: (r) => { r.spec!.replicas = 3; }, want: [] },
  { name: 'selector immutable', mutate: (r) => { r.spec!.selector = { matchLabels: {} }; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment', 'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'] },
]);

const statefulSet = (): StatefulSet => {
  const ss: StatefulSet = { metadata: meta(), spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template() } };
  defaultStatefulSet(ss);
  return ss;
};
runCases('validateStatefulSet', statefulSet, validateStatefulSet, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'name must be a DNS label', mutate: (s) => { s.metadata!.name = 'web.v1'; }, want: [`metadata.name: Invalid value: "web.v1": ${isDNS1123Label('web.v1')[0]}`] },
  { name: 'podManagementPolicy values', mutate: (s) => { s.spec!.podManagementPolicy = 'Random'; }, want: ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"] },
  { name: 'podManagementPolicy required', mutate: (s) => { delete s.spec!.podManagementPolicy; }, want: ['spec.podManagementPolicy: Required value'] },
  { name: 'updateStrategy required', mutate: (s) => { s.spec!.updateStrategy = {}; }, want: ['spec.updateStrategy: Required value'] },
  { name: 'updateStrategy values', mutate: (s) => { s.spec!.updateStrategy = { type: 'Canary' }; }, want: ["spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Canary\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'"] },
  { name: 'OnDelete forbids rollingUpdate', mutate: (s) => { s.spec!.updateStrategy!.type = 'OnDelete'; }, want: ["spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'"] },
  { name: 'partition non-negative', mutate: (s) => { s.spec!.updateStrategy!.rollingUpdate!.partition = -1; }, want: ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'retention policy values', mutate: (s) => { s.spec!.persistentVolumeClaimRetentionPolicy!.whenDeleted = 'Keep'; }, want: ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"'] },
  { name: 'selector required', mutate: (s) => { delete (s.spec as { selector?: unknown }).selector; }, want: ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'] },
  { name: 'empty selector', mutate: (s) => { s.spec!.selector = {}; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset'] },
  { name: 'restartPolicy Always', mutate: (s) => { s.spec!.template.spec!.restartPolicy = 'OnFailure'; }, want: ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'] },
  { name: 'pod spec itself is not validated (as upstream)', mutate: (s) => { delete s.spec!.template.spec!.containers[0]!.image; }, want: [] },
  { name: 'ordinals.start non-negative', mutate: (s) => { s.spec!.ordinals = { start: -1 }; }, want: ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0'] },
]);
runCases('validateStatefulSetUpdate', statefulSet, (s) => validateStatefulSetUpdate(s, statefulSet()), [
  { name: 'replicas, template, strategy may change', mutate: (s) => { s.spec!.replicas = 3; s.spec!.template.spec!.containers[0]!.image = 'nginx:2'; s.spec!.updateStrategy = { type: 'OnDelete' }; }, want: [] },
  {
    name: 'other spec fields are forbidden',
    mutate: (s) => { s.spec!.serviceName = 'other'; },
    want: ["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"],
  },
]);

const daemonSet = (): DaemonSet => {
  const ds: DaemonSet = { metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: template() } };
  defaultDaemonSet(ds);
  return ds;
};
const dsru = (d: DaemonSet) => d.spec!.updateStrategy!.rollingUpdate!;
runCases('validateDaemonSet', daemonSet, validateDaemonSet, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'nil selector only reports the label mismatch', mutate: (d) => { delete (d.spec as { selector?: unknown }).selector; }, want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'] },
  { name: 'empty selector', mutate: (d) => { d.spec!.selector = {}; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset'] },
  { name: 'restartPolicy Always', mutate: (d) => { d.spec!.template.spec!.restartPolicy = 'Never'; }, want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'] },
  { name: 'activeDeadlineSeconds forbidden', mutate: (d) => { d.spec!.template.spec!.activeDeadlineSeconds = 5; }, want: ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported'] },
  { name: 'update strategy values', mutate: (d) => { d.spec!.updateStrategy = { type: 'Surge' }; }, want: ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Surge", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'] },
  { name: 'RollingUpdate needs rollingUpdate', mutate: (d) => { delete d.spec!.updateStrategy!.rollingUpdate; }, want: ['spec.updateStrategy.rollingUpdate: Required value'] },
  { name: 'not both maxSurge and maxUnavailable', mutate: (d) => { dsru(d).maxSurge = 1; }, want: ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero'] },
  { name: 'not both zero', mutate: (d) => { dsru(d).maxUnavailable = 0; }, want: ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'] },
  { name: 'surge only is fine', mutate: (d) => { dsru(d).maxUnavailable = 0; dsru(d).maxSurge = '10%'; }, want: [] },
  { name: 'revisionHistoryLimit non-negative', mutate: (d) => { d.spec!.revisionHistoryLimit = -1; }, want: ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'] },
]);
runCases('validateDaemonSetUpdate', daemonSet, (d) => validateDaemonSetUpdate(d, daemonSet()), [
  { name: 'template change', mutate: (d) => { d.spec!.template.spec!.containers[0]!.image = 'nginx:2'; }, want: [] },
  { name: 'selector immutable', mutate: (d) => { d.spec!.selector = { matchLabels: { app: 'web', x: 'y' } }; d.spec!.template.metadata!.labels!.x = 'y'; }, want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "x":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'] },
]);
