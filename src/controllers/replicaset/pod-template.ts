/**
 * The pod a controller creates from its template, as upstream's `GetPodFromTemplate`: labels,
 * annotations and finalizers of the template, `generateName: <controller>-`, the controller's
 * ownerReference and a copy of the template's spec.
 */
import type { OwnerReference, Pod, PodTemplateSpec } from '../../api/types.js';

/** Builds the pod to create for `ownerName` from `template` in `namespace`. */
export function podFromTemplate(template: PodTemplateSpec | undefined, ownerName: string, namespace: string, ref: OwnerReference): Pod {
  const tm = template?.metadata ?? {};
  const pod: Pod = {
    metadata: {
      generateName: `${ownerName}-`,
      namespace,
      ownerReferences: [ref],
    },
    spec: structuredClone(template?.spec ?? { containers: [] }),
  };
  const m = pod.metadata!;
  if (tm.labels && Object.keys(tm.labels).length) m.labels = { ...tm.labels };
  if (tm.annotations && Object.keys(tm.annotations).length) m.annotations = { ...tm.annotations };
  if (tm.finalizers?.length) m.finalizers = [...tm.finalizers];
  return pod;
}

/** A controller ownerReference (`controller: true`, `blockOwnerDeletion: true`), as metav1.NewControllerRef. */
export function newControllerRef(apiVersion: string, kind: string, name: string, uid: string): OwnerReference {
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}
