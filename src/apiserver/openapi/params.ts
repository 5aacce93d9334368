/**
 * The parameters of Kubernetes API operations (query options of list, create, update, patch, delete
 * and log, and the path parameters), in the OpenAPI v3 or Swagger 2.0 shape, with short
 * descriptions of our own.
 */
import type { Flavor, JsonObject } from './types.js';

/** One line on what each query parameter does. */
const PARAM_DOCS: Record<string, string> = {
  allowWatchBookmarks: 'Ask for BOOKMARK events carrying the latest resourceVersion during a watch.',
  continue: 'The token from a previous page of a limited list, to fetch the next page.',
  fieldSelector: 'Only return objects whose fields match, e.g. metadata.name=web or status.phase!=Running.',
  labelSelector: 'Only return objects whose labels match, e.g. app=web,tier in (fe,be).',
  limit: 'The most objects to return; a continue token is set when more remain.',
  resourceVersion: 'The resource version to list or watch from (0 or empty: the current state).',
  resourceVersionMatch: 'How resourceVersion applies to a list: Exact or NotOlderThan.',
  sendInitialEvents: 'With watch, start with ADDED events for the current objects and a bookmark after them.',
  timeoutSeconds: 'End the list or watch call after this many seconds.',
  watch: 'Stream changes (ADDED, MODIFIED, DELETED) instead of returning a list.',
  gracePeriodSeconds: 'Seconds the object gets to terminate gracefully before it is deleted; 0 deletes at once.',
  ignoreStoreReadErrorWithClusterBreakingPotential: 'Delete an object even when it cannot be read from storage.',
  orphanDependents: 'Deprecated: use propagationPolicy. Whether dependents are orphaned.',
  propagationPolicy: 'What happens to dependents: Orphan, Background or Foreground.',
  force: 'For apply patches: take ownership of fields other managers own.',
  container: 'The container to read logs from.',
  follow: 'Keep streaming new log lines.',
  insecureSkipTLSVerifyBackend: 'Skip checking the node agent\'s serving certificate when reading logs.',
  limitBytes: 'Stop after this many bytes of log output.',
  previous: 'Read the logs of the previous (terminated) instance of the container.',
  sinceSeconds: 'Only logs newer than this many seconds.',
  stream: 'Which log stream to return: All, Stdout or Stderr.',
  tailLines: 'Only this many lines from the end of the logs.',
  timestamps: 'Prefix each log line with its RFC 3339 timestamp.',
  dryRun: 'All: validate and default the request but store nothing.',
  fieldManager: 'The name of the actor making the change, recorded in managedFields.',
  fieldValidation: 'What to do with unknown or duplicate fields: Ignore, Warn (the default) or Strict.',
};

type ParamType = 'string' | 'integer' | 'boolean';

const QUERY: Record<string, [string, ParamType]> = {
  allowWatchBookmarks: ['ListOptions.allowWatchBookmarks', 'boolean'],
  continue: ['ListOptions.continue', 'string'],
  fieldSelector: ['ListOptions.fieldSelector', 'string'],
  labelSelector: ['ListOptions.labelSelector', 'string'],
  limit: ['ListOptions.limit', 'integer'],
  resourceVersion: ['ListOptions.resourceVersion', 'string'],
  resourceVersionMatch: ['ListOptions.resourceVersionMatch', 'string'],
  sendInitialEvents: ['ListOptions.sendInitialEvents', 'boolean'],
  timeoutSeconds: ['ListOptions.timeoutSeconds', 'integer'],
  watch: ['ListOptions.watch', 'boolean'],
  gracePeriodSeconds: ['DeleteOptions.gracePeriodSeconds', 'integer'],
  ignoreStoreReadErrorWithClusterBreakingPotential: ['DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'],
  orphanDependents: ['DeleteOptions.orphanDependents', 'boolean'],
  propagationPolicy: ['DeleteOptions.propagationPolicy', 'string'],
  force: ['PatchOptions.force', 'boolean'],
  container: ['PodLogOptions.container', 'string'],
  follow: ['PodLogOptions.follow', 'boolean'],
  insecureSkipTLSVerifyBackend: ['PodLogOptions.insecureSkipTLSVerifyBackend', 'boolean'],
  limitBytes: ['PodLogOptions.limitBytes', 'integer'],
  previous: ['PodLogOptions.previous', 'boolean'],
  sinceSeconds: ['PodLogOptions.sinceSeconds', 'integer'],
  stream: ['PodLogOptions.stream', 'string'],
  tailLines: ['PodLogOptions.tailLines', 'integer'],
  timestamps: ['PodLogOptions.timestamps', 'boolean'],
};

const PRETTY = 'Indent the JSON reply.';
const NAMESPACE = 'the namespace of the object';

function param(flavor: Flavor, name: string, where: 'query' | 'path', type: ParamType, description: string | undefined): JsonObject {
  const p: JsonObject = {};
  if (description) p.description = description;
  p.in = where;
  p.name = name;
  if (where === 'path') p.required = true;
  if (flavor === 'v3') p.schema = { type, uniqueItems: true };
  else Object.assign(p, { type, uniqueItems: true });
  return p;
}

/** A query parameter by name; `options` picks the options type whose doc applies (`PatchOptions` for fieldManager on patch). */
export function queryParam(flavor: Flavor, name: string, options?: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions'): JsonObject {
  if (name === 'pretty') return param(flavor, name, 'query', 'string', PRETTY);
  if (name === 'dryRun' || name === 'fieldManager' || name === 'fieldValidation') {
    void options;
    return param(flavor, name, 'query', 'string', PARAM_DOCS[name]);
  }
  const known = QUERY[name];
  return param(flavor, name, 'query', known?.[1] ?? 'string', PARAM_DOCS[name]);
}

/** The `{namespace}` path parameter. */
export function namespaceParam(flavor: Flavor): JsonObject {
  return param(flavor, 'namespace', 'path', 'string', NAMESPACE);
}

/** The `{name}` path parameter of one kind (`name of the Pod`). */
export function nameParam(flavor: Flavor, kind: string): JsonObject {
  return param(flavor, 'name', 'path', 'string', `name of the ${kind}`);
}

/** The `{path}` path parameter of proxy subresources. */
export function pathParam(flavor: Flavor): JsonObject {
  return param(flavor, 'path', 'path', 'string', 'path to the resource');
}

/** The query parameters of each kind of operation, in upstream's (alphabetical) order. */
export const OPERATION_PARAMS = {
  list: ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'],
  create: ['dryRun', 'fieldManager', 'fieldValidation'],
  replace: ['dryRun', 'fieldManager', 'fieldValidation'],
  patch: ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
  delete: ['dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents', 'propagationPolicy'],
  deletecollection: [
    'continue', 'dryRun', 'fieldSelector', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'labelSelector', 'limit',
    'orphanDependents', 'propagationPolicy', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds',
  ],
  log: ['container', 'follow', 'insecureSkipTLSVerifyBackend', 'limitBytes', 'previous', 'sinceSeconds', 'stream', 'tailLines', 'timestamps'],
} as const;

/** The options type whose field docs describe an operation's write parameters. */
export function optionsFor(op: keyof typeof OPERATION_PARAMS): 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions' | undefined {
  switch (op) {
    case 'create':
      return 'CreateOptions';
    case 'replace':
      return 'UpdateOptions';
    case 'patch':
      return 'PatchOptions';
    case 'delete':
    case 'deletecollection':
      return 'DeleteOptions';
    default:
      return undefined;
  }
}
