/**
 * A small typed API client for skiff's own components (controllers, scheduler, kubelet, proxy,
 * DNS, ingress): CRUD, patch, status writes and watches over any Transport.
 */
import { isApiError } from '../api/errors.js';
import type { DeleteOptions, KList, KObject } from '../api/types.js';
import { apiVersion, type ResourceRef, resourcePath } from './resources.js';
import type { Transport, WatchHandle, WatchHandlers } from './transport.js';

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const PATCH_CT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export class Client {
  constructor(
    readonly transport: Transport,
    readonly fieldManager = 'skiff',
  ) {}

  get<T extends KObject>(ref: ResourceRef, namespace: string, name: string): Promise<T> {
    return this.transport.request('GET', resourcePath(ref, namespace, name)) as Promise<T>;
  }

  /** Like get, but undefined for NotFound. */
  async tryGet<T extends KObject>(ref: ResourceRef, namespace: string, name: string): Promise<T | undefined> {
    try {
      return await this.get<T>(ref, namespace, name);
    } catch (err) {
      if (isApiError(err, 'NotFound')) return undefined;
      throw err;
    }
  }

  list<T extends KObject>(ref: ResourceRef, namespace: string | undefined, opts: ListOptions = {}): Promise<KList<T>> {
    return this.transport.request('GET', resourcePath(ref, namespace), { query: { ...opts } }) as Promise<KList<T>>;
  }

  create<T extends KObject>(ref: ResourceRef, namespace: string, obj: T): Promise<T> {
    const body = { apiVersion: apiVersion(ref), kind: ref.kind, ...obj };
    return this.transport.request('POST', resourcePath(ref, namespace), { body, query: { fieldManager: this.fieldManager } }) as Promise<T>;
  }

  update<T extends KObject>(ref: ResourceRef, namespace: string, obj: T, subresource?: string): Promise<T> {
    const name = obj.metadata?.name ?? '';
    return this.transport.request('PUT', resourcePath(ref, namespace, name, subresource), {
      body: obj,
      query: { fieldManager: this.fieldManager },
    }) as Promise<T>;
  }

  updateStatus<T extends KObject>(ref: ResourceRef, namespace: string, obj: T): Promise<T> {
    return this.update(ref, namespace, obj, 'status');
  }

  patch<T extends KObject>(ref: ResourceRef, namespace: string, name: string, type: PatchType, patch: unknown, subresource?: string): Promise<T> {
    return this.transport.request('PATCH', resourcePath(ref, namespace, name, subresource), {
      body: patch,
      contentType: PATCH_CT[type],
      query: { fieldManager: this.fieldManager },
    }) as Promise<T>;
  }

  /** Creates a subresource object (pods/binding, pods/eviction). */
  post<T>(ref: ResourceRef, namespace: string, name: string, subresource: string, body: unknown): Promise<T> {
    return this.transport.request('POST', resourcePath(ref, namespace, name, subresource), { body }) as Promise<T>;
  }

  delete(ref: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): Promise<unknown> {
    return this.transport.request('DELETE', resourcePath(ref, namespace, name), {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...opts },
    });
  }

  /** Deletes, treating NotFound as done. */
  async tryDelete(ref: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): Promise<boolean> {
    try {
      await this.delete(ref, namespace, name, opts);
      return true;
    } catch (err) {
      if (isApiError(err, 'NotFound')) return false;
      throw err;
    }
  }

  watch(ref: ResourceRef, namespace: string | undefined, opts: ListOptions & { allowWatchBookmarks?: boolean }, handlers: WatchHandlers): Promise<WatchHandle> {
    const q: Record<string, string | undefined> = {
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined,
    };
    return this.transport.watch(resourcePath(ref, namespace), q, handlers);
  }
}
