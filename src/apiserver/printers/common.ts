/**
 * Building blocks shared by the per-resource printers: column definitions, the AGE cell, and
 * the small formatters upstream's printers.go reuses (container lists, load-balancer addresses,
 * "+ N more..." lists).
 */
import type { ObjectMeta } from '../../api/types.js';
import { timeSince } from '../../util/duration.js';
import type { ColumnDefinition } from './types.js';

/** A column definition; `priority` 1 marks a column kubectl shows only with `-o wide`. */
export function column(name: string, type: ColumnDefinition['type'], description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

/** The NAME column every printer starts with (`format: name`, so kubectl can prefix `kind/`). */
export const nameColumn = (): ColumnDefinition => column('Name', 'string', 'Name of the object, unique within its namespace.', 0, 'name');

/** The AGE column: time since the object was created. */
export const ageColumn = (): ColumnDefinition => column('Age', 'string', 'Time elapsed since the object was created.');

/** Wide-only CONTAINERS / IMAGES columns of workload printers. */
export const containersColumn = (): ColumnDefinition => column('Containers', 'string', 'Container names in the pod template.', 1);
export const imagesColumn = (): ColumnDefinition => column('Images', 'string', 'Container images in the pod template.', 1);

/** The object's name, or the empty string. */
export const nameOf = (meta: ObjectMeta | undefined): string => meta?.name ?? '';

/** AGE cell: HumanDuration since creationTimestamp, `<unknown>` without one. */
export const ageOf = (meta: ObjectMeta | undefined, now: number): string => timeSince(meta?.creationTimestamp, now);

/** layoutContainerCells: container names and images, each joined with `,`. */
export function containerCells(containers: readonly { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/**
 * loadBalancerStatusStringer (always wide on the server): the unique IPs, or hostnames where an
 * entry has no IP, sorted and joined with `,`.
 */
export function loadBalancerAddresses(ingress: readonly { ip?: string; hostname?: string }[] | undefined): string {
  const out = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) out.add(i.ip);
    else if (i.hostname) out.add(i.hostname);
  }
  return [...out].sort(byteOrder).join(',');
}

/** listWithMoreString: up to `max` items then ` + N more...`; `<unset>` when there is nothing. */
export function listWithMore(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** Go's byte-order string comparison, for sorts. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts entries of an optional map. */
export const countKeys = (m: Record<string, unknown> | undefined | null): number => (m ? Object.keys(m).length : 0);
