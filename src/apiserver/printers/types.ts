/**
 * Server-side printing: each resource's Table columns and how one object becomes one row,
 * as upstream's pkg/printers/internalversion/printers.go does it.
 */

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export type Cell = string | number | boolean | null;

export interface RowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TablePrinter<T = unknown> {
  columns: ColumnDefinition[];
  /** One cell per column, in order. `now` is milliseconds since the epoch (for AGE). */
  row(obj: T, now: number): Cell[];
  /** Optional row conditions (pods: Completed for Succeeded/Failed). */
  conditions?(obj: T): RowCondition[] | undefined;
}
