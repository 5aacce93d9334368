/**
 * The scale, binding, eviction and finalize subresources.
 */
import * as errors from '../../api/errors.js';
import { formatLabelSelector } from '../../api/labels.js';
import { rfc3339 } from '../../api/meta.js';
import type { Binding, Eviction, LabelSelector, Pod, Scale, StoredObject } from '../../api/types.js';
import { decodeObject, decodePatch, patchTypeOf } from '../codec.js';
import { applyPatch } from '../patch/index.js';
import { type Registry, groupResource } from '../registry/generic.js';
import type { ResourceDef } from '../registry/types.js';
import type { ApiRequest, ApiResponse, RequestInfo } from '../request.js';
import { patchTypeError } from '../typed/index.js';
import { type SubresourceHandler, checkBodyTypes, writeOptions } from './resource.js';

const SCALE_TARGET = { kind: 'Scale', version: 'v1', apiVersion: 'autoscaling/v1', model: 'V1Scale' };

interface Scalable extends StoredObject {
  spec?: { replicas?: number; selector?: LabelSelector };
  status?: { replicas?: number; selector?: string };
}

/** The autoscaling/v1 Scale view of a Deployment, ReplicaSet or StatefulSet. */
export function toScale(obj: Scalable): Scale {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: obj.spec?.selector ? formatLabelSelector(obj.spec.selector).replace(/^<none>$/, '') : '' },
  };
}

export function scaleHandler(reg: Registry): SubresourceHandler {
  return async (req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse> => {
    const ns = info.namespace;
    if (info.verb === 'get') return { status: 200, body: toScale((await reg.get(def, ns, info.name)) as Scalable) };
    if (info.verb !== 'update' && info.verb !== 'patch') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const opts = { ...writeOptions(req, info), subresource: '' };
    let replicasFrom: (cur: Scale) => Scale;
    if (info.verb === 'update') {
      const s = decodeObject(req.headers['content-type'], req.body) as Scale;
      checkBodyTypes(req, s, SCALE_TARGET);
      if (s.kind && s.kind !== 'Scale') throw errors.badRequest(`expected a Scale, got ${s.kind}`);
      replicasFrom = (cur) => {
        if (s.metadata?.resourceVersion && s.metadata.resourceVersion !== cur.metadata?.resourceVersion) {
          throw errors.conflict(groupResource(def), info.name, errors.OBJECT_MODIFIED);
        }
        return s;
      };
    } else {
      const type = patchTypeOf(req.headers['content-type']);
      if (!type || type === 'apply') throw errors.unsupportedMediaType(req.headers['content-type'] ?? '');
      const patch = decodePatch(type, req.body);
      replicasFrom = (cur) => {
        const out = applyPatch(req.headers['content-type'] ?? '', cur, patch, SCALE_TARGET.model) as Scale;
        const typeErr = patchTypeError(type, out as unknown as Record<string, unknown>, patch, SCALE_TARGET.model);
        if (typeErr) throw typeErr;
        return out;
      };
    }
    const updated = await reg.guaranteedUpdate(def, ns, info.name, opts, (cur) => {
      const scale = replicasFrom(toScale(cur as Scalable));
      const replicas = scale.spec?.replicas ?? 0;
      if (!Number.isInteger(replicas) || replicas < 0) {
        throw errors.invalid('autoscaling', 'Scale', info.name, [
          { type: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` },
        ]);
      }
      const c = cur as Scalable;
      c.spec = { ...(c.spec ?? {}), replicas };
      return c;
    });
    return { status: 200, body: toScale(updated as Scalable) };
  };
}

/** pods/binding: the scheduler's write of spec.nodeName (and PodScheduled=True). */
export function bindingHandler(reg: Registry): SubresourceHandler {
  return async (req, info, def) => {
    if (info.verb !== 'create') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const b = decodeObject(req.headers['content-type'], req.body) as Binding;
    const node = b.target?.name;
    if (!node) throw errors.invalid('', 'Binding', b.metadata?.name ?? '', [{ type: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]);
    if (b.target.kind && b.target.kind !== 'Node') {
      throw errors.invalid('', 'Binding', b.metadata?.name ?? '', [{ type: 'FieldValueNotSupported', field: 'target.kind', message: `Unsupported value: "${b.target.kind}": supported values: "Node"` }]);
    }
    const name = b.metadata?.name || info.name;
    await reg.guaranteedUpdate(def, info.namespace, name, { ...writeOptions(req, info), subresource: 'binding' }, (cur) => {
      const pod = cur as Pod & StoredObject;
      if (pod.metadata.deletionTimestamp) throw errors.conflict(groupResource(def), name, `pod ${name} is being deleted, cannot be assigned to a host`);
      if (pod.spec?.nodeName) throw errors.conflict(groupResource(def), name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
      pod.spec = { ...pod.spec!, nodeName: node };
      if (b.metadata?.annotations) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), ...b.metadata.annotations };
      const status = (pod.status ??= {});
      const conds = (status.conditions ??= []);
      const i = conds.findIndex((c) => c.type === 'PodScheduled');
      const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339() };
      if (i >= 0) {
        if (conds[i]!.status !== 'True') conds[i] = cond;
      } else conds.push(cond);
      return pod;
    });
    return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  };
}

/** pods/eviction: deletes the pod with the eviction's options (no disruption budgets are served). */
export function evictionHandler(reg: Registry): SubresourceHandler {
  return async (req, info, def) => {
    if (info.verb !== 'create') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const e = decodeObject(req.headers['content-type'], req.body) as Eviction;
    if (e.kind && e.kind !== 'Eviction') throw errors.badRequest(`expected an Eviction, got ${e.kind}`);
    if (e.metadata?.name && e.metadata.name !== info.name) throw errors.badRequest(`name in URL does not match name in Eviction object`);
    await reg.delete(def, info.namespace, info.name, e.deleteOptions ?? {}, writeOptions(req, info));
    return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  };
}

/** namespaces/finalize: replaces spec.finalizers. */
export function finalizeHandler(reg: Registry): SubresourceHandler {
  return async (req, info, def) => {
    if (info.verb !== 'update') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const body = decodeObject(req.headers['content-type'], req.body) as StoredObject & { spec?: { finalizers?: string[] } };
    const updated = await reg.guaranteedUpdate(def, '', info.name, { ...writeOptions(req, info), subresource: 'finalize' }, (cur) => {
      const spec = ((cur as { spec?: { finalizers?: string[] } }).spec ??= {});
      const fins = body.spec?.finalizers ?? [];
      if (fins.length) spec.finalizers = fins;
      else delete spec.finalizers;
      return cur;
    });
    return { status: 200, body: updated };
  };
}
