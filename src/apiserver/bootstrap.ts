/**
 * What kube-apiserver's bootstrap controller keeps in place: the system namespaces and the
 * `kubernetes` Service in `default` (first service IP, port 443) with the API server as its
 * Endpoints and EndpointSlice.
 */
import { isApiError } from '../api/errors.js';
import type { EndpointSlice, Endpoints, Namespace, Service } from '../api/types.js';
import type { Client } from '../client/client.js';
import { R } from '../client/resources.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface BootstrapOptions {
  serviceIp: string;
  apiHost: string;
  apiPort: number;
}

async function ensure<T extends { metadata?: { name?: string } }>(client: Client, ref: (typeof R)[keyof typeof R], ns: string, obj: T, update?: (cur: T) => T | undefined): Promise<void> {
  const cur = await client.tryGet(ref, ns, obj.metadata!.name!);
  if (!cur) {
    try {
      await client.create(ref, ns, obj as never);
    } catch (err) {
      if (!isApiError(err, 'AlreadyExists')) throw err;
    }
    return;
  }
  const next = update?.(cur as unknown as T);
  if (next) await client.update(ref, ns, next as never);
}

export async function bootstrap(client: Client, o: BootstrapOptions): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await ensure<Namespace>(client, R.namespaces, '', { metadata: { name } });
  }
  const svc: Service = {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: o.serviceIp,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: o.apiPort }],
      sessionAffinity: 'None',
    },
  };
  await ensure<Service>(client, R.services, 'default', svc, (cur) => {
    const p = cur.spec?.ports?.[0];
    if (p && p.targetPort === o.apiPort) return undefined;
    return { ...cur, spec: { ...cur.spec!, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: o.apiPort }] } };
  });
  const subsets = [{ addresses: [{ ip: o.apiHost }], ports: [{ name: 'https', port: o.apiPort, protocol: 'TCP' }] }];
  await ensure<Endpoints>(client, R.endpoints, 'default', { metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets }, (cur) =>
    JSON.stringify(cur.subsets) === JSON.stringify(subsets) ? undefined : { ...cur, subsets },
  );
  const slice: EndpointSlice = {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [o.apiHost], conditions: { ready: true } }],
    ports: [{ name: 'https', port: o.apiPort, protocol: 'TCP' }],
  };
  await ensure<EndpointSlice>(client, R.endpointslices, 'default', slice, (cur) =>
    JSON.stringify(cur.ports) === JSON.stringify(slice.ports) && JSON.stringify(cur.endpoints?.map((e) => e.addresses)) === JSON.stringify(slice.endpoints.map((e) => e.addresses))
      ? undefined
      : { ...cur, endpoints: slice.endpoints, ports: slice.ports },
  );
}
