/**
 * How an API client reaches the API server: in-process (calling the server's handler with no
 * sockets or JSON on the hot path) or over HTTPS with a client certificate (separate processes
 * and nodes). Both speak the same paths and semantics.
 */
import { ApiError, type StatusReason } from '../api/errors.js';
import type { KObject, Status } from '../api/types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface WatchHandlers {
  event(type: WatchEventType, obj: KObject): void;
  /** The stream ended (normally, or with an error). */
  end(err?: Error): void;
}

export interface WatchHandle {
  stop(): void;
}

export interface Transport {
  request(method: string, path: string, opts?: RequestOptions): Promise<unknown>;
  /** Opens a watch on a collection path; resolves once the stream is open. */
  watch(path: string, query: Record<string, string | undefined>, handlers: WatchHandlers): Promise<WatchHandle>;
  /** Streams a text body (logs). */
  stream?(path: string, query: Record<string, string | undefined>, signal?: AbortSignal): Promise<AsyncIterable<Buffer>>;
  close?(): Promise<void>;
}

export function queryString(q: Record<string, string | number | boolean | undefined> | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Turns a failed reply into an ApiError carrying the server's Status. */
export function errorFromStatus(code: number, body: unknown): ApiError {
  const s = body as Status | undefined;
  if (s && typeof s === 'object' && s.kind === 'Status') {
    return new ApiError(s.code ?? code, (s.reason ?? '') as StatusReason, s.message ?? `HTTP ${code}`, s.details as never);
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new ApiError(code, code === 404 ? 'NotFound' : 'InternalError', `the server responded with HTTP ${code}: ${text?.slice(0, 200)}`);
}
