/**
 * The server-side printers, keyed by resource: `<plural>` for the core group and
 * `<plural>.<group>` otherwise, as the API server looks them up when it answers with a Table.
 */
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps.js';
import { cronJobPrinter, jobPrinter } from './batch.js';
import { configMapPrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter } from './core.js';
import { eventPrinter, eventsV1Printer } from './event.js';
import { createdAtPrinter, defaultPrinter, leasePrinter, podDisruptionBudgetPrinter } from './misc.js';
import { ingressClassPrinter, ingressPrinter } from './networking.js';
import { podPrinter } from './pod.js';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './service.js';
import type { TablePrinter } from './types.js';

export type { Cell, ColumnDefinition, RowCondition, TablePrinter } from './types.js';
export { createdAtPrinter, defaultPrinter };

/** Every resource with a dedicated Table, as upstream's printers.go registers them. */
export const PRINTERS: Record<string, TablePrinter> = {
  pods: podPrinter,
  services: servicePrinter,
  endpoints: endpointsPrinter,
  namespaces: namespacePrinter,
  nodes: nodePrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  serviceaccounts: serviceAccountPrinter,
  events: eventPrinter,
  'events.events.k8s.io': eventsV1Printer,
  'endpointslices.discovery.k8s.io': endpointSlicePrinter,
  'deployments.apps': deploymentPrinter,
  'replicasets.apps': replicaSetPrinter,
  'statefulsets.apps': statefulSetPrinter,
  'daemonsets.apps': daemonSetPrinter,
  'jobs.batch': jobPrinter,
  'cronjobs.batch': cronJobPrinter,
  'ingresses.networking.k8s.io': ingressPrinter,
  'ingressclasses.networking.k8s.io': ingressClassPrinter,
  'leases.coordination.k8s.io': leasePrinter,
  'poddisruptionbudgets.policy': podDisruptionBudgetPrinter,
};

/** The printer for a resource in a group (`''` for core), or the NAME / AGE default. */
export function printerFor(resource: string, group: string): TablePrinter {
  return PRINTERS[group ? `${resource}.${group}` : resource] ?? defaultPrinter;
}
