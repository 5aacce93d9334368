/**
 * API discovery as kubectl reads it: /api and /apis (legacy and aggregated v2), and per
 * group-version APIResourceLists with verbs, short names, categories and subresources.
 */
import type { ResourceDef, Subresource } from './registry/types.js';
import { ALL_VERBS } from './registry/types.js';

interface SubresourceInfo {
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

function subresourceInfo(def: ResourceDef, sub: Subresource): SubresourceInfo {
  switch (sub) {
    case 'status':
      return { kind: def.kind, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      return { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };
    case 'binding':
      return { kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] };
    case 'log':
      return { kind: def.kind, verbs: ['get'] };
    case 'exec':
      return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'proxy':
      return { kind: `${def.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] };
    case 'finalize':
      return { kind: def.kind, verbs: ['update'] };
    case 'ephemeralcontainers':
      return { kind: def.kind, verbs: ['get', 'patch', 'update'] };
  }
}

export interface GroupVersion {
  group: string;
  version: string;
  resources: ResourceDef[];
}

/** Groups resource definitions by group/version, core first, in registration order. */
export function groupVersions(defs: ResourceDef[]): GroupVersion[] {
  const out: GroupVersion[] = [];
  for (const d of defs) {
    let gv = out.find((g) => g.group === d.group && g.version === d.version);
    if (!gv) out.push((gv = { group: d.group, version: d.version, resources: [] }));
    gv.resources.push(d);
  }
  return out;
}

function gvString(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(gv: GroupVersion): object {
  const v = { groupVersion: gvString(gv.group, gv.version), version: gv.version };
  return { name: gv.group, versions: [v], preferredVersion: v };
}

export function apiGroupList(gvs: GroupVersion[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: gvs.filter((g) => g.group).map(apiGroup) };
}

export function apiGroupDoc(gv: GroupVersion): object {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(gv) };
}

export function apiResourceList(gv: GroupVersion): object {
  const resources: object[] = [];
  for (const d of gv.resources) {
    const r: Record<string, unknown> = {
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs ?? ALL_VERBS,
    };
    if (d.shortNames?.length) r.shortNames = d.shortNames;
    if (d.categories?.length) r.categories = d.categories;
    resources.push(r);
    for (const s of d.subresources ?? []) {
      const info = subresourceInfo(d, s);
      const sr: Record<string, unknown> = { name: `${d.plural}/${s}`, singularName: '', namespaced: d.namespaced, kind: info.kind, verbs: info.verbs };
      if (info.group !== undefined) {
        sr.group = info.group;
        sr.version = info.version;
      }
      resources.push(sr);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gvString(gv.group, gv.version), resources };
}

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when the Accept header asks for aggregated discovery v2. */
export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const entry of accept.split(',')) {
    const [type, ...params] = entry.split(';').map((s) => s.trim());
    if (type !== 'application/json') continue;
    const p = new Map(params.map((kv) => kv.split('=') as [string, string]));
    if (p.get('g') === 'apidiscovery.k8s.io' && p.get('v') === 'v2' && p.get('as') === 'APIGroupDiscoveryList') return true;
  }
  return false;
}

function discoveryResource(d: ResourceDef): object {
  const r: Record<string, unknown> = {
    resource: d.plural,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: d.verbs ?? ALL_VERBS,
  };
  if (d.shortNames?.length) r.shortNames = d.shortNames;
  if (d.categories?.length) r.categories = d.categories;
  if (d.subresources?.length) {
    r.subresources = d.subresources.map((s) => {
      const info = subresourceInfo(d, s);
      return {
        subresource: s,
        responseKind: { group: info.group ?? d.group, version: info.version ?? d.version, kind: info.kind },
        verbs: info.verbs,
      };
    });
  }
  return r;
}

/** The aggregated discovery document for /api (core only) or /apis (every group). */
export function aggregatedDiscovery(gvs: GroupVersion[], core: boolean): object {
  const groups = new Map<string, GroupVersion[]>();
  for (const gv of gvs) {
    if (core !== (gv.group === '')) continue;
    const list = groups.get(gv.group) ?? [];
    list.push(gv);
    groups.set(gv.group, list);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...groups.entries()].map(([name, list]) => ({
      metadata: { name, creationTimestamp: null },
      versions: list.map((gv) => ({ version: gv.version, freshness: 'Current', resources: gv.resources.map(discoveryResource) })),
    })),
  };
}
