/**
 * Converts objects to meta.k8s.io/v1 Table responses (server-side printing), and to
 * PartialObjectMetadata, as kube-apiserver does for `kubectl get`.
 */
import type { StoredObject } from '../api/types.js';
import { defaultPrinter } from './printers/index.js';
import type { TablePrinter } from './printers/types.js';
import type { ResourceDef } from './registry/types.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject: IncludeObject;
  noHeaders: boolean;
}

export function tableOptions(query: URLSearchParams): TableOptions {
  const inc = query.get('includeObject');
  return {
    includeObject: inc === 'None' || inc === 'Object' ? inc : 'Metadata',
    noHeaders: query.get('noHeaders') === 'true',
  };
}

export function partialMetadata(obj: StoredObject): StoredObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function printerFor(def: ResourceDef): TablePrinter<StoredObject> {
  return (def.printer ?? defaultPrinter) as TablePrinter<StoredObject>;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions?: unknown[] | null;
  rows: unknown[];
}

/** Builds a Table for `items` with the resource's printer. */
export function toTable(
  def: ResourceDef,
  items: StoredObject[],
  opts: TableOptions,
  listMeta: Table['metadata'] = {},
  now = Date.now(),
): Table {
  const printer = printerFor(def);
  const rows = items.map((obj) => {
    const row: Record<string, unknown> = { cells: printer.row(obj, now) };
    const conds = printer.conditions?.(obj);
    if (conds) row.conditions = conds;
    row.object = opts.includeObject === 'None' ? null : opts.includeObject === 'Object' ? obj : partialMetadata(obj);
    return row;
  });
  const t: Table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, rows };
  t.columnDefinitions = opts.noHeaders ? null : printer.columns;
  return t;
}
