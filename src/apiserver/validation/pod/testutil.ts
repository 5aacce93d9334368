/**
 * Test helpers for pod validation: a valid defaulted Pod to mutate, and rendering of field
 * errors as `field: message` lines the way kubectl prints causes.
 */
import { type FieldError, errorString } from '../../../api/field.js';
import type { Container, Pod } from '../../../api/types.js';
import { defaultPod } from '../../defaults/pod.js';

/** A valid, defaulted pod named `web` in `default` with one `nginx` container. */
export function validPod(mutate?: (p: Pod & { spec: NonNullable<Pod['spec']> }) => void): Pod {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.29' }] as Container[] },
  };
  mutate?.(pod);
  return defaultPod(pod);
}

/** Field errors as `field: message` strings. */
export const lines = (errs: FieldError[]): string[] => errs.map(errorString);
