/**
 * What the generic registry needs to know about one API resource: its names and scope
 * (for routing and discovery) and its strategy (defaulting, validation and the create/update
 * rules upstream keeps in pkg/registry/<group>/<resource>/strategy.go).
 */
import type { FieldError } from '../../api/field.js';
import type { StoredObject } from '../../api/types.js';
import type { TablePrinter } from '../printers/types.js';
import type { ApiRequest, ApiResponse, RequestInfo } from '../request.js';

export type Subresource =
  | 'status'
  | 'scale'
  | 'binding'
  | 'eviction'
  | 'log'
  | 'exec'
  | 'attach'
  | 'portforward'
  | 'proxy'
  | 'finalize'
  | 'ephemeralcontainers';

/** Facts a strategy may need while it runs. */
export interface StrategyContext {
  /** The request's namespace ('' for cluster-scoped). */
  namespace: string;
  /** The name of the authenticated user. */
  user: string;
  /** Now, as an RFC 3339 timestamp with second precision (what the API stores). */
  now: string;
}

export interface Strategy<T extends StoredObject = StoredObject> {
  /** Upstream defaulting (`SetDefaults_*`), run on every write before validation. */
  defaults?(obj: T): void;
  /** Resets what a client may not set on create (status, generation...). Runs before defaults. */
  prepareForCreate?(obj: T, ctx: StrategyContext): void;
  /** Carries over what an update of the main resource may not change (e.g. status). */
  prepareForUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  /** Validation on create; field paths as upstream (`spec.containers[0].image`). Includes metadata. */
  validate?(obj: T, ctx: StrategyContext): FieldError[];
  /** Validation on update (immutable fields and the rest). */
  validateUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  /** For the status subresource: copies everything but status from the old object. */
  prepareForStatusUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  validateStatusUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  /**
   * Whether a spec change bumps metadata.generation (true for objects with a spec), or the
   * parts of the object whose change bumps it (EndpointSlices: endpoints, ports and labels).
   */
  generation?: boolean | ((obj: T) => unknown);
  /** Whether PUT of a missing object creates it (endpoints, leases, events...). */
  allowCreateOnUpdate?: boolean;
  /** Default propagation policy for deletes. */
  defaultPropagation?: 'Background' | 'Foreground' | 'Orphan';
}

/** One served resource (a group/version/kind in one URL space). */
export interface ResourceDef<T extends StoredObject = StoredObject> {
  group: string;
  version: string;
  kind: string;
  /** The plural resource name in URLs: `pods`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: Subresource[];
  /** Verbs on the main resource; defaults to all eight. */
  verbs?: string[];
  strategy: Strategy<T>;
  /** Server-side table printing; the default is NAME / AGE. */
  printer?: TablePrinter<T>;
  /** DELETE answers with the deleted object instead of a Status (pods and services, as upstream). */
  returnDeletedObject?: boolean;
  /**
   * Where `spec.replicas`-style scaling lives, for the scale subresource (Deployments,
   * ReplicaSets, StatefulSets).
   */
  scalable?: boolean;
  /**
   * Field-selector labels of an object (`metadata.name`, `status.phase`...). metadata.name and
   * metadata.namespace are always supported.
   */
  fieldLabels?(obj: T): Record<string, string>;
  /**
   * Storage shared with another resource (events.k8s.io/v1 events are stored as core/v1
   * events): the storage resource's plural and group, and conversions to and from it.
   */
  storage?: {
    group: string;
    plural: string;
    toStorage(obj: StoredObject): StoredObject;
    fromStorage(obj: StoredObject): StoredObject;
  };
  /**
   * A resource with no storage (the access and identity reviews) answers every request itself,
   * instead of the registry.
   */
  serve?(req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse>;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
