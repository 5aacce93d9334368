/**
 * The review resources, which store nothing: a create is answered at once with the review's
 * status filled in. authorization.k8s.io/v1 SelfSubjectAccessReview (`kubectl auth can-i`)
 * answers whether the requesting user may do something; authentication.k8s.io/v1
 * SelfSubjectReview (`kubectl auth whoami`) tells who the request authenticated as; and
 * SelfSubjectRulesReview (`kubectl auth can-i --list`) lists what the user may do.
 */
import * as errors from '../../api/errors.js';
import { type FieldError, invalid } from '../../api/field.js';
import { rfc3339 } from '../../api/meta.js';
import type { KObject } from '../../api/types.js';
import { decodeObject } from '../codec.js';
import type { ResourceDef } from '../registry/types.js';
import { apiVersionOf } from '../registry/generic.js';
import type { ApiRequest, ApiResponse, RequestInfo, UserInfo } from '../request.js';

type Json = Record<string, unknown>;

/** What a user may do: a decision on one request, and the rules that list everything allowed. */
export interface Authorizer {
  authorize(user: UserInfo, attributes: Json): { allowed: boolean; denied?: boolean; reason?: string };
  rulesFor(user: UserInfo, namespace: string): { resourceRules: Json[]; nonResourceRules: Json[]; incomplete: boolean };
}

/** There is no RBAC yet: every authenticated user may do anything (upstream's AlwaysAllow, for authenticated users). */
export const allowAuthenticated: Authorizer = {
  authorize: (user) => ({ allowed: user.groups.includes('system:authenticated') }),
  rulesFor: (user) =>
    user.groups.includes('system:authenticated')
      ? { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }
      : { resourceRules: [], nonResourceRules: [], incomplete: false },
};

/** Decodes a review body (JSON, YAML or protobuf) and checks its apiVersion and kind. */
function decodeReview(req: ApiRequest, info: RequestInfo, def: ResourceDef): KObject {
  if (info.verb !== 'create' || info.name || info.subresource) {
    throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
  }
  const obj = decodeObject(req.headers['content-type'], req.body);
  if ((obj.kind && obj.kind !== def.kind) || (obj.apiVersion && obj.apiVersion !== apiVersionOf(def))) {
    throw errors.badRequest(`the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${apiVersionOf(def)})`);
  }
  return obj;
}

/** 201 Created with the review: its spec as sent and the status the server filled in. */
function answered(def: ResourceDef, spec: Json, status: object): ApiResponse {
  return { status: 201, body: { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { creationTimestamp: null }, spec, status } };
}

/** Whether metadata is empty once managedFields and a null creationTimestamp are left out. */
function emptyMetadata(meta: unknown): boolean {
  if (meta === undefined || meta === null) return true;
  return Object.entries(meta as Json).every(([k, v]) => v === undefined || v === null || k === 'managedFields' || (typeof v === 'object' && Object.keys(v as object).length === 0) || v === '');
}

/** Upstream's ValidateSelfSubjectAccessReview: exactly one kind of attributes, and no metadata. */
export function validateSelfSubjectAccessReview(obj: KObject): FieldError[] {
  const spec = (obj.spec ?? {}) as Json;
  const errs: FieldError[] = [];
  const hasResource = spec.resourceAttributes !== undefined && spec.resourceAttributes !== null;
  const hasNonResource = spec.nonResourceAttributes !== undefined && spec.nonResourceAttributes !== null;
  if (hasResource && hasNonResource) {
    errs.push(invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes'));
  }
  if (!hasResource && !hasNonResource) {
    errs.push(invalid('spec.resourceAttributes', spec.nonResourceAttributes, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  if (!emptyMetadata(obj.metadata)) errs.push(invalid('metadata', obj.metadata, 'must be empty'));
  return errs;
}

/** POST selfsubjectaccessreviews: the review back, with status.allowed as the authorizer decides. */
export function selfSubjectAccessReview(authorizer: Authorizer = allowAuthenticated) {
  return async (req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse> => {
    const obj = decodeReview(req, info, def);
    const errs = validateSelfSubjectAccessReview(obj);
    if (errs.length) throw errors.invalid(def.group, def.kind, '', errs);
    const spec = (obj.spec ?? {}) as Json;
    const decision = authorizer.authorize(req.user, (spec.resourceAttributes ?? spec.nonResourceAttributes) as Json);
    const status: Json = { allowed: decision.allowed };
    if (decision.denied) status.denied = true;
    if (decision.reason) status.reason = decision.reason;
    return answered(def, spec, status);
  };
}

/** POST selfsubjectrulesreviews (`kubectl auth can-i --list`): the rules of what the user may do in spec.namespace. */
export function selfSubjectRulesReview(authorizer: Authorizer = allowAuthenticated) {
  return async (req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse> => {
    const obj = decodeReview(req, info, def);
    const spec = (obj.spec ?? {}) as Json;
    return answered(def, spec, authorizer.rulesFor(req.user, typeof spec.namespace === 'string' ? spec.namespace : ''));
  };
}

/** POST selfsubjectreviews: the attributes of the user making the request. */
export function selfSubjectReview() {
  return async (req: ApiRequest, info: RequestInfo, def: ResourceDef): Promise<ApiResponse> => {
    decodeReview(req, info, def);
    const u = req.user;
    const userInfo: Json = { username: u.name };
    if (u.uid) userInfo.uid = u.uid;
    if (u.groups.length) userInfo.groups = [...u.groups];
    if (u.extra && Object.keys(u.extra).length) userInfo.extra = structuredClone(u.extra);
    return {
      status: 201,
      body: { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { creationTimestamp: rfc3339() }, status: { userInfo } },
    };
  };
}
