import type { Lease } from '../../api/types.js';
import { validateLease, validateLeaseUpdate } from './coordination.js';
import { runCases } from './testutil.js';

const lease = (): Lease => ({
  metadata: { name: 'node01', namespace: 'kube-node-lease', resourceVersion: '1' },
  spec: { holderIdentity: 'node01', leaseDurationSeconds: 40, leaseTransitions: 0 },
});

runCases('validateLease', lease, validateLease, [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'empty spec is valid', mutate: (l) => { l.spec = {}; }, want: [] },
  { name: 'duration must be positive', mutate: (l) => { l.spec!.leaseDurationSeconds = 0; }, want: ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'] },
  { name: 'transitions non-negative', mutate: (l) => { l.spec!.leaseTransitions = -1; }, want: ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'namespace required', mutate: (l) => { delete l.metadata!.namespace; }, want: ['metadata.namespace: Required value'] },
]);

runCases('validateLeaseUpdate', lease, (l) => validateLeaseUpdate(l, lease()), [
  { name: 'renew', mutate: (l) => { l.spec!.renewTime = '2024-01-01T00:00:00.000000Z'; }, want: [] },
  { name: 'spec rules apply', mutate: (l) => { l.spec!.leaseDurationSeconds = -5; }, want: ['spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0'] },
]);
