/**
 * The `paths` of a group-version's OpenAPI document as kube-apiserver publishes them: collection and
 * item paths with list/create/deletecollection/get/replace/patch/delete, the all-namespaces list, the
 * deprecated watch paths and the subresources, each operation carrying `x-kubernetes-action` and
 * `x-kubernetes-group-version-kind`.
 */
import { modelName, typeSchema } from '../../api/schema.js';
import { definitionName, OPAQUE, refTo } from './names.js';
import { nameParam, namespaceParam, OPERATION_PARAMS, optionsFor, pathParam, queryParam } from './params.js';
import type { Flavor, GroupVersionInfo, JsonObject } from './types.js';

/** A group/version/kind as the x-kubernetes-group-version-kind extension spells it. */
export interface Gvk {
  group: string;
  kind: string;
  version: string;
}

/** What the path builder needs from the schema side, and what it tells the document builder. */
export interface PathsResult {
  paths: JsonObject;
  /** Models and opaque definitions the paths refer to (roots of `components.schemas`). */
  roots: Set<string>;
  /** The GVKs to attach to definitions (x-kubernetes-group-version-kind), by definition name. */
  gvks: Map<string, Gvk[]>;
  /** Schemas of kinds without a client-node model (custom resources), by definition name. */
  custom: Record<string, JsonObject>;
}

const JSON_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const WATCH_TYPES = ['application/json', 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf', 'application/vnd.kubernetes.protobuf;stream=watch', 'application/yaml'];
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
/** Resources whose DELETE returns the object rather than a Status (upstream's ReturnDeletedObject). */
const DELETE_RETURNS_OBJECT = new Set(['/v1/pods', '/v1/services', '/v1/persistentvolumes', '/v1/persistentvolumeclaims']);
const CONNECT_OPTIONS: Record<string, string> = { exec: 'Exec', attach: 'Attach', portforward: 'PortForward' };

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const article = (kind: string): string => (/^[AEIOU]/.test(kind) ? 'an' : 'a');

/** The group part of operation ids: Core, Apps, Discovery, RbacAuthorization, FlowcontrolApiserver... */
export function groupId(group: string): string {
  if (!group) return 'Core';
  return group.replace(/\.k8s\.io$/, '').split(/[.-]/).map(cap).join('');
}

type Ref = { kind: 'ref'; target: string; definition: string } | { kind: 'string' };

interface Op {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete' | 'head' | 'options';
  description: string;
  operationId: string;
  action: string;
  gvk?: Gvk;
  params: JsonObject[];
  body?: { ref: Ref; required: boolean; contentTypes: string[] };
  responses: Array<[string, string, Ref | undefined]>;
  produces: string[];
}

/** Builds the paths of one group-version for one dialect. */
export function buildPaths(gv: GroupVersionInfo, flavor: Flavor): PathsResult {
  const result: PathsResult = { paths: {}, roots: new Set(), gvks: new Map(), custom: {} };
  const prefix = gv.group ? `/apis/${gv.group}/${gv.version}` : `/api/${gv.version}`;
  const gid = `${groupId(gv.group)}${cap(gv.version)}`;
  const tag = `${groupId(gv.group).charAt(0).toLowerCase()}${groupId(gv.group).slice(1)}_${gv.version}`;

  const addGvk = (definition: string, gvk: Gvk): void => {
    const list = result.gvks.get(definition) ?? [];
    if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) list.push(gvk);
    result.gvks.set(definition, list);
  };
  const modelRef = (model: string): Ref => {
    result.roots.add(model);
    return { kind: 'ref', target: model, definition: definitionName(model) };
  };
  const opaqueRef = (definition: string): Ref => {
    result.roots.add(definition);
    return { kind: 'ref', target: definition, definition };
  };
  const schemaOf = (ref: Ref): JsonObject => (ref.kind === 'string' ? { type: 'string' } : { $ref: refTo(ref.definition, flavor) });
  const statusRef = (): Ref => {
    addGvk(definitionName('V1Status'), { group: '', kind: 'Status', version: 'v1' });
    return modelRef('V1Status');
  };
  const sharedKind = (model: string, kind: string): Ref => {
    const def = definitionName(model);
    addGvk(def, { group: '', kind, version: 'v1' });
    if (gv.group || gv.version !== 'v1') addGvk(def, { group: gv.group, kind, version: gv.version });
    return modelRef(model);
  };
  /** The schema reference of a kind of this (or another) group-version, registering its GVK. */
  const kindRef = (group: string, version: string, kind: string): Ref => {
    const model = modelName(group, version, kind);
    const gvk = { group, kind, version };
    if (typeSchema(model)) {
      addGvk(definitionName(model), gvk);
      return modelRef(model);
    }
    const definition = `${group.split('.').reverse().join('.')}.${version}.${kind}`;
    addGvk(definition, gvk);
    if (!result.custom[definition]) result.custom[definition] = customSchema(kind.endsWith('List'), definition, flavor, (m) => modelRef(m));
    return { kind: 'ref', target: definition, definition };
  };

  const toJson = (op: Op): JsonObject => operation(op, flavor, tag, schemaOf);
  const addPath = (path: string, ops: Op[], pathParams: JsonObject[]): void => {
    const item: JsonObject = {};
    for (const op of ops) item[op.method] = toJson(op);
    if (pathParams.length) item.parameters = sortParams(pathParams);
    result.paths[path] = item;
  };
  const q = (names: readonly string[], op?: keyof typeof OPERATION_PARAMS): JsonObject[] =>
    names.map((n) => queryParam(flavor, n, op ? optionsFor(op) : undefined));

  addPath(`${prefix}/`, [{
    method: 'get', description: 'get available resources', operationId: `get${gid}APIResources`, action: '', params: [],
    responses: [['200', 'OK', modelRef('V1APIResourceList')], ['401', 'Unauthorized', undefined]], produces: JSON_TYPES,
  }], []);

  for (const r of gv.resources) {
    const kind = r.kind;
    const gvk: Gvk = { group: gv.group, kind, version: gv.version };
    const obj = kindRef(gv.group, gv.version, kind);
    const list = kindRef(gv.group, gv.version, `${kind}List`);
    const strategic = obj.kind === 'ref' && !result.custom[obj.definition];
    const ns = r.namespaced ? 'Namespaced' : '';
    const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
    const scope = r.namespaced ? [namespaceParam(flavor)] : [];
    const can = (v: string): boolean => r.verbs.includes(v);
    const a = article(kind);
    const ok = (ref: Ref): Array<[string, string, Ref | undefined]> => [['200', 'OK', ref], ['401', 'Unauthorized', undefined]];
    const pretty = queryParam(flavor, 'pretty');

    const collection: Op[] = [];
    if (can('deletecollection')) collection.push({
      method: 'delete', description: `delete collection of ${kind}`, operationId: `delete${gid}Collection${ns}${kind}`, action: 'deletecollection', gvk,
      params: q(OPERATION_PARAMS.deletecollection, 'deletecollection'), body: { ref: sharedKind('V1DeleteOptions', 'DeleteOptions'), required: false, contentTypes: ['*/*'] },
      responses: ok(statusRef()), produces: JSON_TYPES,
    });
    if (can('list')) collection.push({
      method: 'get', description: `list or watch objects of kind ${kind}`, operationId: `list${gid}${ns}${kind}`, action: 'list', gvk,
      params: q(OPERATION_PARAMS.list), responses: ok(list), produces: WATCH_TYPES,
    });
    if (can('create')) collection.push({
      method: 'post', description: `create ${a} ${kind}`, operationId: `create${gid}${ns}${kind}`, action: 'post', gvk,
      params: q(OPERATION_PARAMS.create, 'create'), body: { ref: obj, required: true, contentTypes: ['*/*'] },
      responses: [['200', 'OK', obj], ['201', 'Created', obj], ['202', 'Accepted', obj], ['401', 'Unauthorized', undefined]], produces: JSON_TYPES,
    });
    if (collection.length) addPath(base, collection, [...scope, pretty]);

    const item: Op[] = [];
    const itemPath = `${base}/{name}`;
    const itemParams = [nameParam(flavor, kind), ...scope, pretty];
    if (can('delete')) {
      const returned = DELETE_RETURNS_OBJECT.has(`${gv.group}/${gv.version}/${r.plural}`) ? obj : statusRef();
      item.push({
        method: 'delete', description: `delete ${a} ${kind}`, operationId: `delete${gid}${ns}${kind}`, action: 'delete', gvk,
        params: q(OPERATION_PARAMS.delete, 'delete'), body: { ref: sharedKind('V1DeleteOptions', 'DeleteOptions'), required: false, contentTypes: ['*/*'] },
        responses: [['200', 'OK', returned], ['202', 'Accepted', returned], ['401', 'Unauthorized', undefined]], produces: JSON_TYPES,
      });
    }
    if (can('get')) item.push({ method: 'get', description: `read the specified ${kind}`, operationId: `read${gid}${ns}${kind}`, action: 'get', gvk, params: [], responses: ok(obj), produces: JSON_TYPES });
    if (can('patch')) item.push(patchOp(`partially update the specified ${kind}`, `patch${gid}${ns}${kind}`, gvk, obj, strategic, q, opaqueRef));
    if (can('update')) item.push(putOp(`replace the specified ${kind}`, `replace${gid}${ns}${kind}`, gvk, obj, q));
    if (item.length) addPath(itemPath, item, itemParams);

    if (r.namespaced && can('list')) {
      addPath(`${prefix}/${r.plural}`, [{
        method: 'get', description: `list or watch objects of kind ${kind}`, operationId: `list${gid}${kind}ForAllNamespaces`, action: 'list', gvk,
        params: [], responses: ok(list), produces: WATCH_TYPES,
      }], [...q(OPERATION_PARAMS.list), pretty]);
    }
    if (can('watch')) {
      const event = sharedKind('V1WatchEvent', 'WatchEvent');
      const watchOp = (description: string, operationId: string, action: string): Op => ({
        method: 'get', description, operationId, action, gvk, params: [], responses: ok(event), produces: WATCH_TYPES,
      });
      const dep = "deprecated: use the 'watch' parameter with a list operation instead";
      const watchBase = r.namespaced ? `${prefix}/watch/namespaces/{namespace}/${r.plural}` : `${prefix}/watch/${r.plural}`;
      addPath(watchBase, [watchOp(`watch individual changes to a list of ${kind}. ${dep}.`, `watch${gid}${ns}${kind}List`, 'watchlist')], [...q(OPERATION_PARAMS.list), ...scope, pretty]);
      addPath(`${watchBase}/{name}`, [watchOp(`watch changes to an object of kind ${kind}. ${dep}, filtered to a single item with the 'fieldSelector' parameter.`, `watch${gid}${ns}${kind}`, 'watch')],
        [...q(OPERATION_PARAMS.list), ...itemParams]);
      if (r.namespaced) {
        addPath(`${prefix}/watch/${r.plural}`, [watchOp(`watch individual changes to a list of ${kind}. ${dep}.`, `watch${gid}${kind}ListForAllNamespaces`, 'watchlist')], [...q(OPERATION_PARAMS.list), pretty]);
      }
    }

    for (const sub of r.subresources) {
      const subPath = `${itemPath}/${sub}`;
      const id = `${gid}${ns}${kind}${cap(sub)}`;
      const connect = (target: string, withPath: boolean): Op[] => {
        const cgvk = { group: '', kind: target, version: 'v1' };
        const methods = sub === 'proxy' ? (['delete', 'get', 'head', 'options', 'patch', 'post', 'put'] as const) : (['get', 'post'] as const);
        return methods.map((m) => ({
          method: m, description: `connect ${m.toUpperCase()} requests to ${sub} of ${kind}`,
          operationId: `connect${gid}${cap(m)}${ns}${kind}${cap(sub)}${withPath ? 'WithPath' : ''}`, action: 'connect', gvk: cgvk,
          params: [], responses: ok({ kind: 'string' }), produces: ['*/*'],
        }));
      };
      switch (sub) {
        case 'log':
          addPath(subPath, [{
            method: 'get', description: `read log of the specified ${kind}`, operationId: `read${id}`, action: 'get', gvk,
            params: q(OPERATION_PARAMS.log), responses: ok({ kind: 'string' }), produces: ['text/plain', ...JSON_TYPES],
          }], itemParams);
          break;
        case 'exec':
        case 'attach':
        case 'portforward':
          addPath(subPath, connect(`${kind}${CONNECT_OPTIONS[sub]}Options`, false), itemParams);
          break;
        case 'proxy':
          addPath(subPath, connect(`${kind}ProxyOptions`, false), itemParams);
          addPath(`${subPath}/{path}`, connect(`${kind}ProxyOptions`, true), [...itemParams, pathParam(flavor)]);
          break;
        case 'binding':
        case 'eviction':
        case 'token': {
          const target = sub === 'binding' ? ['', 'v1', 'Binding'] : sub === 'eviction' ? ['policy', 'v1', 'Eviction'] : ['authentication.k8s.io', 'v1', 'TokenRequest'];
          const ref = kindRef(target[0]!, target[1]!, target[2]!);
          addPath(subPath, [{
            method: 'post', description: `create ${sub} of ${a} ${kind}`, operationId: `create${id}`, action: 'post',
            gvk: { group: target[0]!, kind: target[2]!, version: target[1]! }, params: q(OPERATION_PARAMS.create, 'create'),
            body: { ref, required: true, contentTypes: ['*/*'] },
            responses: [['200', 'OK', ref], ['201', 'Created', ref], ['202', 'Accepted', ref], ['401', 'Unauthorized', undefined]], produces: JSON_TYPES,
          }], itemParams);
          break;
        }
        case 'finalize':
          addPath(subPath, [putOp(`replace finalize of the specified ${kind}`, `replace${id}`, gvk, obj, q)], itemParams);
          break;
        default: {
          const isScale = sub === 'scale';
          const ref = isScale ? kindRef('autoscaling', 'v1', 'Scale') : obj;
          const sgvk = isScale ? { group: 'autoscaling', kind: 'Scale', version: 'v1' } : gvk;
          addPath(subPath, [
            { method: 'get', description: `read ${sub} of the specified ${kind}`, operationId: `read${id}`, action: 'get', gvk: sgvk, params: [], responses: ok(ref), produces: JSON_TYPES },
            patchOp(`partially update ${sub} of the specified ${kind}`, `patch${id}`, sgvk, ref, true, q, opaqueRef),
            putOp(`replace ${sub} of the specified ${kind}`, `replace${id}`, sgvk, ref, q),
          ], itemParams);
        }
      }
    }
  }
  return result;
}

function patchOp(
  description: string, operationId: string, gvk: Gvk, ref: Ref, strategic: boolean,
  q: (names: readonly string[], op?: keyof typeof OPERATION_PARAMS) => JsonObject[], opaqueRef: (d: string) => Ref,
): Op {
  return {
    method: 'patch', description, operationId, action: 'patch', gvk, params: q(OPERATION_PARAMS.patch, 'patch'),
    body: { ref: opaqueRef(OPAQUE.patch), required: true, contentTypes: strategic ? PATCH_TYPES : PATCH_TYPES.filter((t) => !t.startsWith('application/strategic')) },
    responses: [['200', 'OK', ref], ['201', 'Created', ref], ['401', 'Unauthorized', undefined]], produces: JSON_TYPES,
  };
}

function putOp(description: string, operationId: string, gvk: Gvk, ref: Ref, q: (names: readonly string[], op?: keyof typeof OPERATION_PARAMS) => JsonObject[]): Op {
  return {
    method: 'put', description, operationId, action: 'put', gvk, params: q(OPERATION_PARAMS.replace, 'replace'),
    body: { ref, required: true, contentTypes: ['*/*'] },
    responses: [['200', 'OK', ref], ['201', 'Created', ref], ['401', 'Unauthorized', undefined]], produces: JSON_TYPES,
  };
}

function sortParams(params: JsonObject[]): JsonObject[] {
  return [...params].sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
}

function operation(op: Op, flavor: Flavor, tag: string, schemaOf: (r: Ref) => JsonObject): JsonObject {
  const out: JsonObject = {};
  if (flavor === 'v2' && op.body) out.consumes = op.body.contentTypes;
  else if (flavor === 'v2') out.consumes = ['*/*'];
  out.description = op.description;
  out.operationId = op.operationId;
  const params = [...op.params];
  if (flavor === 'v2' && op.body) {
    const body: JsonObject = { in: 'body', name: 'body' };
    if (op.body.required) body.required = true;
    body.schema = schemaOf(op.body.ref);
    params.push(body);
  }
  if (params.length) out.parameters = params;
  if (flavor === 'v2') out.produces = op.produces;
  if (flavor === 'v3' && op.body) {
    const content: JsonObject = {};
    for (const ct of op.body.contentTypes) content[ct] = { schema: schemaOf(op.body.ref) };
    out.requestBody = op.body.required ? { content, required: true } : { content };
  }
  const responses: JsonObject = {};
  for (const [code, description, ref] of op.responses) {
    if (!ref) responses[code] = { description };
    else if (flavor === 'v2') responses[code] = { description, schema: schemaOf(ref) };
    else responses[code] = { content: Object.fromEntries(op.produces.map((ct) => [ct, { schema: schemaOf(ref) }])), description };
  }
  out.responses = responses;
  if (flavor === 'v2') out.schemes = ['https'];
  out.tags = [tag];
  if (op.action) out['x-kubernetes-action'] = op.action;
  if (op.gvk) out['x-kubernetes-group-version-kind'] = op.gvk;
  return out;
}

/** The schema of a kind without a client-node model (a custom resource): metadata typed, the rest free-form. */
function customSchema(isList: boolean, definition: string, flavor: Flavor, modelRef: (m: string) => Ref): JsonObject {
  const ref = (m: string): JsonObject => {
    const r = modelRef(m);
    return r.kind === 'ref' ? { $ref: refTo(r.definition, flavor) } : {};
  };
  const meta = (m: string): JsonObject => (flavor === 'v3' ? { allOf: [ref(m)] } : ref(m));
  const properties: JsonObject = { apiVersion: { type: 'string' }, kind: { type: 'string' } };
  if (isList) {
    properties.items = { items: { $ref: refTo(definition.replace(/List$/, ''), flavor) }, type: 'array' };
    properties.metadata = meta('V1ListMeta');
    return { properties, required: ['items'], type: 'object' };
  }
  properties.metadata = meta('V1ObjectMeta');
  return { properties, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
}
