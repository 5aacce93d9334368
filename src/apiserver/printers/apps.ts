/**
 * apps/v1 workload Tables: deployments, replicasets, statefulsets and daemonsets (upstream
 * printDeployment, printReplicaSet, printStatefulSet, printDaemonSet).
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../api/types.js';
import { formatLabelSelector, formatLabels, selectorFromLabelSelector } from '../../api/labels.js';
import { ageColumn, ageOf, column, containerCells, containersColumn, imagesColumn, nameColumn, nameOf } from './common.js';
import type { Cell, TablePrinter } from './types.js';

const selectorColumn = (): ReturnType<typeof column> => column('Selector', 'string', 'Label selector the controller uses to find its pods.', 1);

/** printDeployment's SELECTOR: the selector text (empty for none), `<invalid>` if it cannot be parsed. */
function deploymentSelector(d: Deployment): string {
  try {
    return selectorFromLabelSelector(d.spec?.selector).toString();
  } catch {
    return '<invalid>';
  }
}

/** Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: TablePrinter<Deployment> = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Ready replicas out of the desired number.'),
    column('Up-to-date', 'string', 'Replicas already running the latest pod template.'),
    column('Available', 'string', 'Replicas that have been ready for at least minReadySeconds.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn(),
  ],
  row(d: Deployment, now: number): Cell[] {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      nameOf(d.metadata),
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      ageOf(d.metadata, now),
      names,
      images,
      deploymentSelector(d),
    ];
  },
};

/** ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: TablePrinter<ReplicaSet> = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'Number of replicas the spec asks for.'),
    column('Current', 'integer', 'Number of pods the controller currently owns.'),
    column('Ready', 'integer', 'Number of owned pods that are ready.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn(),
  ],
  row(rs: ReplicaSet, now: number): Cell[] {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      nameOf(rs.metadata),
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      ageOf(rs.metadata, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

/** StatefulSets: NAME READY AGE, wide CONTAINERS IMAGES. */
export const statefulSetPrinter: TablePrinter<StatefulSet> = {
  columns: [nameColumn(), column('Ready', 'string', 'Ready replicas out of the desired number.'), ageColumn(), containersColumn(), imagesColumn()],
  row(ss: StatefulSet, now: number): Cell[] {
    const [names, images] = containerCells(ss.spec?.template?.spec?.containers);
    return [nameOf(ss.metadata), `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 1}`, ageOf(ss.metadata, now), names, images];
  },
};

/** DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: TablePrinter<DaemonSet> = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'Number of nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Number of nodes running at least one daemon pod.'),
    column('Ready', 'integer', 'Number of nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Number of nodes running the latest pod template.'),
    column('Available', 'integer', 'Number of nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'Node labels a node needs to run the daemon pod.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn(),
  ],
  row(ds: DaemonSet, now: number): Cell[] {
    const st = ds.status;
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      nameOf(ds.metadata),
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ageOf(ds.metadata, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};
