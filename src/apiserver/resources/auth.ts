/**
 * authentication.k8s.io/v1 and authorization.k8s.io/v1: the self reviews `kubectl auth whoami`,
 * `kubectl auth can-i` and `kubectl auth can-i --list` create. They are create-only and stored nowhere.
 */
import type { StoredObject } from '../../api/types.js';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from '../handlers/reviews.js';
import type { ResourceDef } from '../registry/types.js';

export function authResources(): ResourceDef<StoredObject>[] {
  const review = { version: 'v1', namespaced: false, verbs: ['create'], strategy: {} };
  return [
    { ...review, group: 'authentication.k8s.io', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', singular: 'selfsubjectreview', serve: selfSubjectReview() },
    {
      ...review,
      group: 'authorization.k8s.io',
      kind: 'SelfSubjectAccessReview',
      plural: 'selfsubjectaccessreviews',
      singular: 'selfsubjectaccessreview',
      serve: selfSubjectAccessReview(),
    },
    {
      ...review,
      group: 'authorization.k8s.io',
      kind: 'SelfSubjectRulesReview',
      plural: 'selfsubjectrulesreviews',
      singular: 'selfsubjectrulesreview',
      serve: selfSubjectRulesReview(),
    },
  ];
}
