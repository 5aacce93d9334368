/**
 * `GET pods/{name}/log`: validates the PodLogOptions in the query as upstream does (422 on
 * PodLogOptions, 400 on an unknown or missing container), finds the node agent running the pod
 * and streams what it returns as `text/plain`.
 */
import { Readable } from 'node:stream';
import * as errors from '../../api/errors.js';
import { forbidden, invalid, type FieldError } from '../../api/field.js';
import type { SubresourceHandler } from '../handlers/resource.js';
import type { LogOptions, NodeConnections } from '../nodeproxy.js';
import type { ApiServer } from '../apiserver.js';
import { boolParam, getPod, intParam, nodeFor, validateContainer } from './resolve.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses the `sinceTime` parameter (RFC 3339); 400 with Go's wording when malformed. */
export function parseSinceTime(v: string): string {
  if (!RFC3339.test(v) || Number.isNaN(Date.parse(v))) {
    throw errors.badRequest(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  }
  return v;
}

/** Reads PodLogOptions from a query and validates them as `ValidatePodLogOptions` does. */
export function parseLogOptions(q: URLSearchParams, podName: string): Omit<LogOptions, 'container'> & { container: string } {
  const opts: LogOptions = {
    container: q.get('container') ?? '',
    follow: boolParam(q, 'follow'),
    previous: boolParam(q, 'previous'),
    timestamps: boolParam(q, 'timestamps'),
  };
  const tail = intParam(q, 'tailLines');
  const since = intParam(q, 'sinceSeconds');
  const limit = intParam(q, 'limitBytes');
  const sinceTime = q.get('sinceTime');
  if (tail !== undefined) opts.tailLines = tail;
  if (since !== undefined) opts.sinceSeconds = since;
  if (limit !== undefined) opts.limitBytes = limit;
  if (sinceTime) opts.sinceTime = parseSinceTime(sinceTime);
  const errs: FieldError[] = [];
  if (tail !== undefined && tail < 0) errs.push(invalid('tailLines', tail, 'must be greater than or equal to 0'));
  if (limit !== undefined && limit < 1) errs.push(invalid('limitBytes', limit, 'must be greater than 0'));
  if (since !== undefined && opts.sinceTime !== undefined) {
    errs.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (since !== undefined && since < 1) {
    errs.push(invalid('sinceSeconds', since, 'must be greater than 0'));
  }
  if (errs.length) throw errors.invalid('', 'PodLogOptions', podName, errs);
  return opts;
}

/** The `pods/log` subresource handler. */
export function logsHandler(api: ApiServer, nodes: NodeConnections): SubresourceHandler {
  return async (req, info) => {
    if (req.method !== 'GET') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const opts = parseLogOptions(req.query, info.name);
    const pod = await getPod(api, info.namespace, info.name);
    opts.container = validateContainer(pod, opts.container);
    const headers = { 'content-type': 'text/plain' };
    // Upstream answers an unscheduled pod with an empty body.
    if (!pod.spec?.nodeName) return { status: 200, headers, stream: Readable.from([]) };
    const conn = nodeFor(nodes, pod);
    const stream = await conn.logs(info.namespace, info.name, opts, req.signal);
    return { status: 200, headers, stream };
  };
}
