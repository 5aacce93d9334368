/**
 * Typed API errors. Every failure the API server reports is one of these; they become a
 * `metav1.Status` at exactly one boundary (the HTTP layer), with upstream's reasons, codes and
 * message shapes (`k8s.io/apimachinery/pkg/api/errors`).
 */
import { type FieldError, errorString } from './field.js';
import type { Status, StatusCause } from './types.js';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'NotImplemented'
  | '';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** A failure with an HTTP code and a Kubernetes Status reason. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): Status {
    const s: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      code: this.code,
    };
    if (this.reason) s.reason = this.reason;
    if (this.details) s.details = this.details;
    return s;
  }
}

/** A group-qualified resource as upstream prints it: `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function grDetails(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: gr.resource };
  if (gr.group) d.group = gr.group;
  return d;
}

export const notFound = (gr: GroupResource, name: string): ApiError =>
  new ApiError(404, 'NotFound', `${qualified(gr)} "${name}" not found`, grDetails(gr, name));

export const alreadyExists = (gr: GroupResource, name: string): ApiError =>
  new ApiError(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, grDetails(gr, name));

export const conflict = (gr: GroupResource, name: string, why: string): ApiError =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, grDetails(gr, name));

export const OBJECT_MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid with one cause per field error. `kind` is the Kind (Pod), not the resource. */
export function invalid(group: string, kind: string, name: string, errs: FieldError[]): ApiError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: e.message, field: e.field }));
  const agg = errs.length === 1 ? errorString(errs[0]!) : `[${errs.map(errorString).join(', ')}]`;
  const details: StatusDetails = { name, kind, causes };
  if (group) details.group = group;
  return new ApiError(422, 'Invalid', `${kind}${group ? '.' + group : ''} "${name}" is invalid: ${agg}`, details);
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);
export const unauthorized = (message = 'Unauthorized'): ApiError => new ApiError(401, 'Unauthorized', message);
export const forbidden = (gr: GroupResource, name: string, why: string): ApiError =>
  new ApiError(403, 'Forbidden', `${qualified(gr)}${name ? ` "${name}"` : ''} is forbidden: ${why}`, grDetails(gr, name));
export const methodNotAllowed = (message: string): ApiError => new ApiError(405, 'MethodNotAllowed', message);
export const notAcceptable = (message: string): ApiError => new ApiError(406, 'NotAcceptable', message);
export const unsupportedMediaType = (contentType: string): ApiError =>
  new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${JSON.stringify(contentType)})`);
export const tooLarge = (message = 'the request is too large'): ApiError => new ApiError(413, 'RequestEntityTooLarge', message);
export const gone = (message: string): ApiError => new ApiError(410, 'Expired', message);
export const tooManyRequests = (message: string, retryAfterSeconds = 1): ApiError =>
  new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds });
export const internalError = (err: unknown): ApiError =>
  new ApiError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`, {
    causes: [{ message: err instanceof Error ? err.message : String(err) }],
  });
export const serviceUnavailable = (message: string): ApiError => new ApiError(503, 'ServiceUnavailable', message);
export const timeout = (message: string, retryAfterSeconds = 1): ApiError =>
  new ApiError(504, 'Timeout', message, { retryAfterSeconds });

export function isApiError(e: unknown, reason?: StatusReason): e is ApiError {
  return e instanceof ApiError && (reason === undefined || e.reason === reason);
}

/** Status for a successful delete of an object that was removed at once. */
export function successStatus(details: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
