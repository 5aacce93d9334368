/**
 * core/v1 resources (and events.k8s.io/v1 events, which share core events' storage).
 */
import { clone } from '../../api/meta.js';
import { podQOSClass } from '../../api/qos.js';
import type {
  ConfigMap,
  Endpoints,
  Event,
  EventsV1Event,
  Namespace,
  Node,
  Pod,
  Secret,
  Service,
  ServiceAccount,
  StoredObject,
} from '../../api/types.js';
import { defaultEndpoints, defaultNamespace, defaultNode, defaultSecret, defaultService, prepareNamespaceForCreate, prepareNamespaceForUpdate } from '../defaults/core.js';
import { defaultPod } from '../defaults/pod.js';
import { preparePodForCreate } from '../defaults/pod-create.js';
import { PRINTERS } from '../printers/index.js';
import type { Hooks } from '../registry/generic.js';
import type { ResourceDef, Strategy } from '../registry/types.js';
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateNamespaceUpdate,
  validateSecret,
  validateSecretUpdate,
  validateServiceAccount,
  validateServiceAccountUpdate,
} from '../validation/core.js';
import { validateEndpoints, validateEndpointsUpdate } from '../validation/endpoints.js';
import { validateEvent, validateEventsV1Event, validateEventsV1EventUpdate, validateEventUpdate } from '../validation/events.js';
import { validateNode, validateNodeUpdate } from '../validation/node.js';
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from '../validation/pod.js';
import { validateService, validateServiceUpdate } from '../validation/service.js';

type S<T> = T & StoredObject;

/** The main resource may not write status: it carries over from the stored object. */
export function keepStatus<T extends StoredObject>(obj: T, old: T): void {
  const o = obj as StoredObject;
  if (old['status'] === undefined) delete o.status;
  else o.status = clone(old['status']);
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

const podStrategy: Strategy<S<Pod>> = {
  prepareForCreate(pod) {
    preparePodForCreate(pod);
    pod.status!.qosClass = podQOSClass(pod);
  },
  prepareForUpdate: keepStatus,
  defaults: (pod) => void defaultPod(pod),
  validate: (pod) => validatePod(pod),
  validateUpdate: (pod, old) => validatePodUpdate(pod, old),
  validateStatusUpdate: (pod, old) => validatePodStatusUpdate(pod, old),
};

const serviceStrategy: Strategy<S<Service>> = {
  prepareForCreate(svc) {
    svc.status = { loadBalancer: {} };
  },
  prepareForUpdate: keepStatus,
  defaults: (svc) => defaultService(svc),
  validate: (svc) => validateService(svc),
  validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
};

const namespaceStrategy: Strategy<S<Namespace>> = {
  prepareForCreate: (ns) => prepareNamespaceForCreate(ns),
  prepareForUpdate: (ns, old) => prepareNamespaceForUpdate(ns, old),
  defaults: (ns) => defaultNamespace(ns),
  validate: (ns) => validateNamespace(ns),
  validateUpdate: (ns, old) => validateNamespaceUpdate(ns, old),
};

/** Namespaces stay (Terminating) while spec.finalizers hold them; the namespace controller empties them. */
export const namespaceHooks: Hooks<S<Namespace>> = {
  held: (ns) => (ns.spec?.finalizers ?? []).length > 0,
  markDeleting: (ns) => {
    ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
  },
};

function eventsV1ToCore(o: StoredObject): StoredObject {
  const e = o as S<EventsV1Event>;
  const out: S<Event> = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    type: e.type,
    action: e.action,
    eventTime: e.eventTime,
    reportingComponent: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
  if (e.related) out.related = e.related;
  if (e.series) out.series = e.series as S<EventsV1Event>['series'];
  if (e.deprecatedSource) out.source = e.deprecatedSource;
  if (e.deprecatedFirstTimestamp) out.firstTimestamp = e.deprecatedFirstTimestamp;
  if (e.deprecatedLastTimestamp) out.lastTimestamp = e.deprecatedLastTimestamp;
  if (e.deprecatedCount) out.count = e.deprecatedCount;
  return out;
}

function coreToEventsV1(o: StoredObject): StoredObject {
  const e = o as S<Event>;
  const out: S<EventsV1Event> = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime as string,
    regarding: e.involvedObject,
    reason: e.reason,
    note: e.message,
    type: e.type,
    action: e.action,
    reportingController: e.reportingComponent,
    reportingInstance: e.reportingInstance,
  };
  if (e.related) out.related = e.related;
  if (e.series) out.series = e.series as S<EventsV1Event>['series'];
  if (e.source && (e.source.component || e.source.host)) out.deprecatedSource = e.source;
  if (e.firstTimestamp) out.deprecatedFirstTimestamp = e.firstTimestamp;
  if (e.lastTimestamp) out.deprecatedLastTimestamp = e.lastTimestamp;
  if (e.count) out.deprecatedCount = e.count;
  return out;
}

export function coreResources(): ResourceDef<StoredObject>[] {
  const defs: ResourceDef<never>[] = [
    {
      group: '',
      version: 'v1',
      kind: 'Pod',
      plural: 'pods',
      singular: 'pod',
      namespaced: true,
      shortNames: ['po'],
      categories: ['all'],
      subresources: ['status', 'binding', 'eviction', 'log', 'exec', 'attach', 'portforward'],
      strategy: podStrategy as never,
      printer: PRINTERS.pods as never,
      returnDeletedObject: true,
      fieldLabels: (p: S<Pod>) => ({
        'spec.nodeName': str(p.spec?.nodeName),
        'spec.restartPolicy': str(p.spec?.restartPolicy),
        'spec.schedulerName': str(p.spec?.schedulerName),
        'spec.serviceAccountName': str(p.spec?.serviceAccountName),
        'spec.hostNetwork': String(p.spec?.hostNetwork ?? false),
        'status.phase': str(p.status?.phase),
        'status.podIP': str(p.status?.podIP),
        'status.podIPs': str(p.status?.podIPs?.[0]?.ip),
        'status.nominatedNodeName': str(p.status?.nominatedNodeName),
      }),
    },
    {
      group: '',
      version: 'v1',
      kind: 'Service',
      plural: 'services',
      singular: 'service',
      namespaced: true,
      shortNames: ['svc'],
      categories: ['all'],
      subresources: ['status'],
      strategy: serviceStrategy as never,
      printer: PRINTERS.services as never,
      returnDeletedObject: true,
      fieldLabels: (s: S<Service>) => ({ 'spec.clusterIP': str(s.spec?.clusterIP), 'spec.type': str(s.spec?.type) }),
    },
    {
      group: '',
      version: 'v1',
      kind: 'Endpoints',
      plural: 'endpoints',
      singular: 'endpoints',
      namespaced: true,
      shortNames: ['ep'],
      strategy: {
        allowCreateOnUpdate: true,
        defaults: (e: S<Endpoints>) => defaultEndpoints(e),
        validate: (e: S<Endpoints>) => validateEndpoints(e),
        validateUpdate: (e: S<Endpoints>, old: S<Endpoints>) => validateEndpointsUpdate(e, old),
      } as never,
      printer: PRINTERS.endpoints as never,
    },
    {
      group: '',
      version: 'v1',
      kind: 'Namespace',
      plural: 'namespaces',
      singular: 'namespace',
      namespaced: false,
      shortNames: ['ns'],
      // Upstream's namespace storage has no DeleteCollection.
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: ['status', 'finalize'],
      strategy: namespaceStrategy as never,
      printer: PRINTERS.namespaces as never,
      fieldLabels: (n: S<Namespace>) => ({ 'status.phase': str(n.status?.phase) }),
    },
    {
      group: '',
      version: 'v1',
      kind: 'Node',
      plural: 'nodes',
      singular: 'node',
      namespaced: false,
      shortNames: ['no'],
      subresources: ['status'],
      strategy: {
        prepareForUpdate: keepStatus,
        defaults: (n: S<Node>) => defaultNode(n),
        validate: (n: S<Node>) => validateNode(n),
        validateUpdate: (n: S<Node>, old: S<Node>) => validateNodeUpdate(n, old),
      } as never,
      printer: PRINTERS.nodes as never,
      fieldLabels: (n: S<Node>) => ({ 'spec.unschedulable': String(n.spec?.unschedulable ?? false) }),
    },
    {
      group: '',
      version: 'v1',
      kind: 'ConfigMap',
      plural: 'configmaps',
      singular: 'configmap',
      namespaced: true,
      shortNames: ['cm'],
      strategy: {
        validate: (c: S<ConfigMap>) => validateConfigMap(c),
        validateUpdate: (c: S<ConfigMap>, old: S<ConfigMap>) => validateConfigMapUpdate(c, old),
      } as never,
      printer: PRINTERS.configmaps as never,
    },
    {
      group: '',
      version: 'v1',
      kind: 'Secret',
      plural: 'secrets',
      singular: 'secret',
      namespaced: true,
      strategy: {
        defaults: (s: S<Secret>) => defaultSecret(s),
        validate: (s: S<Secret>) => validateSecret(s),
        validateUpdate: (s: S<Secret>, old: S<Secret>) => validateSecretUpdate(s, old),
      } as never,
      printer: PRINTERS.secrets as never,
      fieldLabels: (s: S<Secret>) => ({ type: str(s.type) }),
    },
    {
      group: '',
      version: 'v1',
      kind: 'ServiceAccount',
      plural: 'serviceaccounts',
      singular: 'serviceaccount',
      namespaced: true,
      shortNames: ['sa'],
      strategy: {
        validate: (s: S<ServiceAccount>) => validateServiceAccount(s),
        validateUpdate: (s: S<ServiceAccount>, old: S<ServiceAccount>) => validateServiceAccountUpdate(s, old),
      } as never,
      printer: PRINTERS.serviceaccounts as never,
    },
    {
      group: '',
      version: 'v1',
      kind: 'Event',
      plural: 'events',
      singular: 'event',
      namespaced: true,
      shortNames: ['ev'],
      strategy: {
        allowCreateOnUpdate: true,
        validate: (e: S<Event>) => validateEvent(e),
        validateUpdate: (e: S<Event>, old: S<Event>) => validateEventUpdate(e, old),
      } as never,
      printer: PRINTERS.events as never,
      fieldLabels: (e: S<Event>) => ({
        'involvedObject.kind': str(e.involvedObject?.kind),
        'involvedObject.namespace': str(e.involvedObject?.namespace),
        'involvedObject.name': str(e.involvedObject?.name),
        'involvedObject.uid': str(e.involvedObject?.uid),
        'involvedObject.apiVersion': str(e.involvedObject?.apiVersion),
        'involvedObject.resourceVersion': str(e.involvedObject?.resourceVersion),
        'involvedObject.fieldPath': str(e.involvedObject?.fieldPath),
        reason: str(e.reason),
        reportingComponent: str(e.reportingComponent),
        source: str(e.source?.component),
        type: str(e.type),
      }),
    },
    {
      group: 'events.k8s.io',
      version: 'v1',
      kind: 'Event',
      plural: 'events',
      singular: 'event',
      namespaced: true,
      shortNames: ['ev'],
      strategy: {
        allowCreateOnUpdate: true,
        validate: (e: S<EventsV1Event>) => validateEventsV1Event(e),
        validateUpdate: (e: S<EventsV1Event>, old: S<EventsV1Event>) => validateEventsV1EventUpdate(e, old),
      } as never,
      printer: PRINTERS['events.events.k8s.io'] as never,
      storage: { group: '', plural: 'events', toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 },
      fieldLabels: (e: S<EventsV1Event>) => ({
        'regarding.kind': str(e.regarding?.kind),
        'regarding.namespace': str(e.regarding?.namespace),
        'regarding.name': str(e.regarding?.name),
        'regarding.uid': str(e.regarding?.uid),
        reason: str(e.reason),
        reportingController: str(e.reportingController),
        type: str(e.type),
      }),
    },
  ];
  return defs as unknown as ResourceDef<StoredObject>[];
}
