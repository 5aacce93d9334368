/**
 * The remaining Tables: leases, poddisruptionbudgets, and the NAME / AGE fallback for kinds
 * without a dedicated printer (upstream printLease, printPodDisruptionBudget, and the default
 * table convertor).
 */
import type * as k from '@kubernetes/client-node';
import type { KObject, Lease, Wire } from '../../api/types.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

export type PodDisruptionBudget = Wire<k.V1PodDisruptionBudget>;

/** Leases: NAME HOLDER AGE. */
export const leasePrinter: TablePrinter<Lease> = {
  columns: [nameColumn(), column('Holder', 'string', 'Identity currently holding the lease.'), ageColumn()],
  row(lease: Lease, now: number): Cell[] {
    return [nameOf(lease.metadata), lease.spec?.holderIdentity ?? '', ageOf(lease.metadata, now)];
  },
};

/** IntOrString.String(): the number or the string as written; N/A when unset. */
const intOrString = (v: number | string | undefined | null): string => (v === undefined || v === null ? 'N/A' : String(v));

/** PodDisruptionBudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
export const podDisruptionBudgetPrinter: TablePrinter<PodDisruptionBudget> = {
  columns: [
    nameColumn(),
    column('Min Available', 'string', 'Pods that must stay available during voluntary disruptions.'),
    column('Max Unavailable', 'string', 'Pods that may be unavailable during voluntary disruptions.'),
    column('Allowed Disruptions', 'integer', 'Evictions currently allowed by this budget.'),
    ageColumn(),
  ],
  row(pdb: PodDisruptionBudget, now: number): Cell[] {
    return [
      nameOf(pdb.metadata),
      intOrString(pdb.spec?.minAvailable),
      intOrString(pdb.spec?.maxUnavailable),
      pdb.status?.disruptionsAllowed ?? 0,
      ageOf(pdb.metadata, now),
    ];
  },
};

/** Any other kind: NAME AGE. */
export const defaultPrinter: TablePrinter<KObject> = {
  columns: [nameColumn(), ageColumn()],
  row(obj: KObject, now: number): Cell[] {
    return [nameOf(obj.metadata), ageOf(obj.metadata, now)];
  },
};

/** RFC 3339 (seconds, UTC) as Go's `time.RFC3339` prints it; Go's zero time for a missing stamp. */
function rfc3339(ts: string | undefined): string {
  const ms = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(ms) ? '0001-01-01T00:00:00Z' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * Upstream's generic table convertor (rest.NewDefaultTableConvertor), used by built-in kinds
 * without a printer such as roles and clusterroles: NAME and CREATED AT as a timestamp.
 */
export const createdAtPrinter: TablePrinter<KObject> = {
  columns: [nameColumn(), column('Created At', 'date', 'Time the object was created (UTC).')],
  row(obj: KObject): Cell[] {
    return [nameOf(obj.metadata), rfc3339(obj.metadata?.creationTimestamp)];
  },
};
