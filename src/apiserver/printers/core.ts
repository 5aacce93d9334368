/**
 * Tables for the simpler core/v1 kinds: namespaces, nodes, configmaps, secrets and
 * serviceaccounts (upstream printNamespace, printNode, printConfigMap, printSecret,
 * printServiceAccount).
 */
import type { ConfigMap, Namespace, Node, Secret, ServiceAccount } from '../../api/types.js';
import { ageColumn, ageOf, byteOrder, column, countKeys, nameColumn, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

/** Namespaces: NAME STATUS AGE. */
export const namespacePrinter: TablePrinter<Namespace> = {
  columns: [nameColumn(), column('Status', 'string', 'Lifecycle phase of the namespace (Active or Terminating).'), ageColumn()],
  row(ns: Namespace, now: number): Cell[] {
    return [nameOf(ns.metadata), ns.status?.phase ?? '', ageOf(ns.metadata, now)];
  },
};

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles: suffixes of `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(byteOrder);
}

/** Node STATUS: Ready / NotReady / Unknown from the Ready condition, plus `SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const conditions = node.status?.conditions ?? [];
  // Upstream keeps the last condition of each type.
  const ready = conditions.filter((c) => c.type === 'Ready').pop();
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodeAddress = (node: Node, type: string): string => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

/** Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: TablePrinter<Node> = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'Readiness of the node, and whether scheduling on it is disabled.'),
    column('Roles', 'string', 'Roles taken from the node-role labels.'),
    ageColumn(),
    column('Version', 'string', 'Kubelet version reported by the node.'),
    column('Internal-IP', 'string', 'First InternalIP address of the node.', 1),
    column('External-IP', 'string', 'First ExternalIP address of the node.', 1),
    column('OS-Image', 'string', 'Operating system image reported by the node.', 1),
    column('Kernel-Version', 'string', 'Kernel version reported by the node.', 1),
    column('Container-Runtime', 'string', 'Container runtime name and version reported by the node.', 1),
  ],
  row(node: Node, now: number): Cell[] {
    const info = node.status?.nodeInfo;
    const roles = nodeRoles(node).join(',');
    return [
      nameOf(node.metadata),
      nodeStatus(node),
      roles || '<none>',
      ageOf(node.metadata, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

/** ConfigMaps: NAME DATA AGE (DATA counts data and binaryData keys). */
export const configMapPrinter: TablePrinter<ConfigMap> = {
  columns: [nameColumn(), column('Data', 'string', 'Number of keys in data and binaryData.'), ageColumn()],
  row(cm: ConfigMap, now: number): Cell[] {
    return [nameOf(cm.metadata), countKeys(cm.data) + countKeys(cm.binaryData), ageOf(cm.metadata, now)];
  },
};

/** Secrets: NAME TYPE DATA AGE (stringData keys count too, as they merge into data on decode). */
export const secretPrinter: TablePrinter<Secret> = {
  columns: [nameColumn(), column('Type', 'string', 'Kind of secret, which fixes the keys it must carry.'), column('Data', 'string', 'Number of keys in the secret.'), ageColumn()],
  row(secret: Secret, now: number): Cell[] {
    const keys = new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]);
    return [nameOf(secret.metadata), secret.type ?? 'Opaque', keys.size, ageOf(secret.metadata, now)];
  },
};

/** ServiceAccounts: NAME SECRETS AGE. */
export const serviceAccountPrinter: TablePrinter<ServiceAccount> = {
  columns: [nameColumn(), column('Secrets', 'string', 'Number of secrets listed on the service account.'), ageColumn()],
  row(sa: ServiceAccount, now: number): Cell[] {
    return [nameOf(sa.metadata), sa.secrets?.length ?? 0, ageOf(sa.metadata, now)];
  },
};
