import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFacts, upstreamFieldFacts } from './facts.js';

describe('upstreamFieldFacts', () => {
  it('has the merge keys of the strategic-merge lists (k8s.io/api struct tags)', () => {
    const table: Array<[string, string, string[], string]> = [
      ['V1PodSpec', 'containers', ['merge'], 'name'],
      ['V1PodSpec', 'initContainers', ['merge'], 'name'],
      ['V1PodSpec', 'volumes', ['merge', 'retainKeys'], 'name'],
      ['V1PodSpec', 'imagePullSecrets', ['merge'], 'name'],
      ['V1PodSpec', 'hostAliases', ['merge'], 'ip'],
      ['V1PodSpec', 'topologySpreadConstraints', ['merge'], 'topologyKey'],
      ['V1Container', 'ports', ['merge'], 'containerPort'],
      ['V1Container', 'env', ['merge'], 'name'],
      ['V1Container', 'volumeMounts', ['merge'], 'mountPath'],
      ['V1ServiceSpec', 'ports', ['merge'], 'port'],
      ['V1ObjectMeta', 'finalizers', ['merge'], ''],
      ['V1ObjectMeta', 'ownerReferences', ['merge'], 'uid'],
      ['V1ServiceAccount', 'secrets', ['merge'], 'name'],
      ['V1PodStatus', 'conditions', ['merge'], 'type'],
      ['V1PodStatus', 'podIPs', ['merge'], 'ip'],
      ['V1NodeStatus', 'addresses', ['merge'], 'type'],
      ['V1DeploymentSpec', 'strategy', ['retainKeys'], ''],
      ['V1PodSpec', 'tolerations', [], ''],
      ['V1Container', 'args', [], ''],
    ];
    for (const [model, field, strategies, key] of table) {
      const f = upstreamFieldFacts(model, field);
      assert.deepEqual([f.patchStrategies, f.patchMergeKey], [strategies, key], `${model}.${field}`);
    }
  });

  it('has list types, map keys, enums and opaque value types', () => {
    assert.deepEqual(upstreamFieldFacts('V1Container', 'ports').listMapKeys, ['containerPort', 'protocol']);
    assert.equal(upstreamFieldFacts('V1Container', 'ports').listType, 'map');
    assert.equal(upstreamFieldFacts('V1PodSpec', 'tolerations').listType, 'atomic');
    assert.equal(upstreamFieldFacts('V1PodSpec', 'nodeSelector').mapType, 'atomic');
    assert.deepEqual(upstreamFieldFacts('V1ServicePort', 'protocol').enum, ['SCTP', 'TCP', 'UDP']);
    assert.equal(upstreamFieldFacts('V1ResourceRequirements', 'limits').opaque, 'Quantity');
    assert.equal(upstreamFieldFacts('V1ControllerRevision', 'data').opaque, 'RawExtension');
    assert.deepEqual(upstreamFieldFacts('V1Pod', 'nope'), { patchStrategies: [], patchMergeKey: '', listMapKeys: [] });
  });

  it('decodes the generated encoding', () => {
    assert.deepEqual(parseFacts('ps=merge,retainKeys;pk=name;z'), { ps: 'merge,retainKeys', pk: 'name', z: '' });
    assert.deepEqual(parseFacts(undefined), {});
  });
});
