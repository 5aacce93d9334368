import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregatedDiscovery, apiResourceList, groupVersions } from './discovery.js';
import { buildResources } from './resources/index.js';

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS = ['get', 'patch', 'update'];
const CONNECT = ['create', 'get'];

/**
 * The verbs kube-apiserver 1.32 lists in discovery for what skiff serves (`kubectl api-resources
 * -o wide` against a real cluster), by group/version and resource or resource/subresource.
 */
const UPSTREAM: Record<string, string[]> = {
  'v1/pods': CRUD,
  'v1/pods/status': STATUS,
  'v1/pods/binding': ['create'],
  'v1/pods/eviction': ['create'],
  'v1/pods/log': ['get'],
  'v1/pods/exec': CONNECT,
  'v1/pods/attach': CONNECT,
  'v1/pods/portforward': CONNECT,
  'v1/services': CRUD,
  'v1/services/status': STATUS,
  'v1/endpoints': CRUD,
  // Namespace storage has no DeleteCollection.
  'v1/namespaces': ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  'v1/namespaces/status': STATUS,
  'v1/namespaces/finalize': ['update'],
  'v1/nodes': CRUD,
  'v1/nodes/status': STATUS,
  'v1/configmaps': CRUD,
  'v1/secrets': CRUD,
  'v1/serviceaccounts': CRUD,
  'v1/events': CRUD,
  'events.k8s.io/v1/events': CRUD,
  'apps/v1/deployments': CRUD,
  'apps/v1/deployments/status': STATUS,
  'apps/v1/deployments/scale': STATUS,
  'apps/v1/replicasets': CRUD,
  'apps/v1/replicasets/status': STATUS,
  'apps/v1/replicasets/scale': STATUS,
  'apps/v1/statefulsets': CRUD,
  'apps/v1/statefulsets/status': STATUS,
  'apps/v1/statefulsets/scale': STATUS,
  'apps/v1/daemonsets': CRUD,
  'apps/v1/daemonsets/status': STATUS,
  'batch/v1/jobs': CRUD,
  'batch/v1/jobs/status': STATUS,
  'batch/v1/cronjobs': CRUD,
  'batch/v1/cronjobs/status': STATUS,
  'discovery.k8s.io/v1/endpointslices': CRUD,
  'networking.k8s.io/v1/ingresses': CRUD,
  'networking.k8s.io/v1/ingresses/status': STATUS,
  'networking.k8s.io/v1/ingressclasses': CRUD,
  'coordination.k8s.io/v1/leases': CRUD,
  'authentication.k8s.io/v1/selfsubjectreviews': ['create'],
  'authorization.k8s.io/v1/selfsubjectaccessreviews': ['create'],
  'authorization.k8s.io/v1/selfsubjectrulesreviews': ['create'],
};

interface LegacyResource {
  name: string;
  verbs: string[];
}

interface AggregatedResource {
  resource: string;
  verbs: string[];
  subresources?: { subresource: string; verbs: string[] }[];
}

const gvs = groupVersions(buildResources());

describe('discovery verbs', () => {
  it('lists the verbs upstream lists, for every resource and subresource (legacy discovery)', () => {
    const served: Record<string, string[]> = {};
    for (const gv of gvs) {
      const list = apiResourceList(gv) as { groupVersion: string; resources: LegacyResource[] };
      for (const r of list.resources) served[`${list.groupVersion}/${r.name}`] = r.verbs;
    }
    assert.deepEqual(served, UPSTREAM);
  });

  it('lists the same verbs in aggregated discovery', () => {
    const served: Record<string, string[]> = {};
    for (const core of [true, false]) {
      const doc = aggregatedDiscovery(gvs, core) as { items: { metadata: { name: string }; versions: { version: string; resources: AggregatedResource[] }[] }[] };
      for (const g of doc.items) {
        for (const v of g.versions) {
          const gv = g.metadata.name ? `${g.metadata.name}/${v.version}` : v.version;
          for (const r of v.resources) {
            served[`${gv}/${r.resource}`] = r.verbs;
            for (const s of r.subresources ?? []) served[`${gv}/${r.resource}/${s.subresource}`] = s.verbs;
          }
        }
      }
    }
    assert.deepEqual(served, UPSTREAM);
  });

  it('serves the review resources cluster-scoped, in their own groups', () => {
    const auth = gvs.find((g) => g.group === 'authorization.k8s.io')!;
    const list = apiResourceList(auth) as { resources: (LegacyResource & { namespaced: boolean; kind: string; singularName: string })[] };
    assert.deepEqual(
      list.resources.map((r) => [r.name, r.singularName, r.kind, r.namespaced]),
      [
        ['selfsubjectaccessreviews', 'selfsubjectaccessreview', 'SelfSubjectAccessReview', false],
        ['selfsubjectrulesreviews', 'selfsubjectrulesreview', 'SelfSubjectRulesReview', false],
      ],
    );
  });
});
