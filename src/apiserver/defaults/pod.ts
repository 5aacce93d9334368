/**
 * Defaulting of v1 Pods, PodSpecs and PodTemplateSpecs as the API server applies it when a
 * v1 object is decoded (k8s.io/kubernetes pkg/apis/core/v1 defaults.go and the generated
 * SetObjectDefaults_Pod), plus the v1↔internal conversion effects visible on the wire
 * (serviceAccount alias, negative grace periods, `resources: {}`, canonical quantities).
 */
import type { Container, LifecycleHandler, Pod, PodSpec, PodTemplateSpec, Probe, Volume } from '../../api/types.js';
import { quantityFromJSON } from '../../api/quantity.js';

type Dict = Record<string, unknown>;
type ResourceList = Record<string, string>;

/** The v1 `SetDefaults_Pod` + `SetDefaults_PodSpec` + nested defaults; mutates and returns the pod. */
export function defaultPod(pod: Pod): Pod {
  const spec = (pod.spec ??= { containers: [] });
  // SetDefaults_Pod: requests default to limits (containers and init containers only).
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(spec);
  // v1→internal conversion forces a negative grace period on a Pod (not a template) to 1.
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) {
    spec.terminationGracePeriodSeconds = 1;
  }
  if (pod.metadata?.annotations) dropInitContainerAnnotations(pod.metadata.annotations);
  const status = (pod.status ??= {});
  for (const list of [status.containerStatuses, status.initContainerStatuses, status.ephemeralContainerStatuses]) {
    for (const cs of list ?? []) {
      if (cs.allocatedResources) cs.allocatedResources = roundResourceList(cs.allocatedResources);
      if (cs.resources) defaultResources(cs.resources);
    }
  }
  return pod;
}

/** The v1 `SetDefaults_PodSpec` and everything nested under a PodSpec; mutates and returns it. */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  spec.containers ??= [];
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  // DeprecatedServiceAccount is an alias of ServiceAccountName; the new field wins.
  const sa = spec.serviceAccountName || spec.serviceAccount;
  if (sa) {
    spec.serviceAccountName = sa;
    spec.serviceAccount = sa;
  }
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c as Container);
  if (spec.overhead) spec.overhead = roundResourceList(spec.overhead);
  const podResources = (spec as PodSpec & { resources?: { limits?: ResourceList; requests?: ResourceList } }).resources;
  if (podResources) defaultResources(podResources);
  return spec;
}

/** Defaults a pod template (Deployments, ReplicaSets, Jobs...): PodSpec defaults only, no Pod-level ones. */
export function defaultPodTemplateSpec(tmpl: PodTemplateSpec): PodTemplateSpec {
  defaultPodSpec((tmpl.spec ??= { containers: [] }));
  return tmpl;
}

/** Upstream's default pull policy: `Always` for `:latest` or an untagged image, else `IfNotPresent`. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const PATH_RE = new RegExp(`^${NAME_COMPONENT}(?:/${NAME_COMPONENT})*$`);
const DOMAIN_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

/**
 * The tag `parsers.ParseImageName` finds: the explicit tag, `latest` when neither tag nor digest
 * is given, '' for digest-only references, or undefined when the reference does not parse.
 */
export function imageTag(image: string): string | undefined {
  if (/^[a-f0-9]{64}$/.test(image)) return undefined;
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  let name = at >= 0 ? image.slice(0, at) : image;
  if (at >= 0 && !DIGEST_RE.test(digest)) return undefined;
  let tag = '';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG_RE.test(tag)) return undefined;
  }
  const slash = name.indexOf('/');
  let path = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      if (!DOMAIN_RE.test(first)) return undefined;
      path = name.slice(slash + 1);
    }
  }
  if (!PATH_RE.test(path) || name.length > 255) return undefined;
  if (!tag && !digest) return 'latest';
  return tag;
}

function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (from?.fieldRef && !from.fieldRef.apiVersion) from.fieldRef.apiVersion = 'v1';
    if (from?.resourceFieldRef) from.resourceFieldRef.divisor = canonicalQuantity(from.resourceFieldRef.divisor ?? '0');
  }
  defaultResources((c.resources ??= {}));
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  if (c.lifecycle?.postStart) defaultHandler(c.lifecycle.postStart);
  if (c.lifecycle?.preStop) defaultHandler(c.lifecycle.preStop);
}

function defaultResources(r: { limits?: ResourceList; requests?: ResourceList }): void {
  if (r.limits) r.limits = roundResourceList(r.limits);
  if (r.requests) r.requests = roundResourceList(r.requests);
}

function defaultProbe(p: Probe): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) defaultHTTPGet(p.httpGet);
  if (p.grpc && (p.grpc.service === undefined || p.grpc.service === null)) p.grpc.service = '';
}

function defaultHandler(h: LifecycleHandler): void {
  if (h.httpGet) defaultHTTPGet(h.httpGet);
}

function defaultHTTPGet(h: { path?: string; scheme?: string }): void {
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultVolume(v: Volume): void {
  const src = v as Volume & Dict;
  const hasSource = Object.entries(src).some(([k, val]) => k !== 'name' && val !== undefined && val !== null);
  if (!hasSource) v.emptyDir = {};
  if (v.emptyDir?.sizeLimit !== undefined && v.emptyDir.sizeLimit !== null) v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  if (v.hostPath && (v.hostPath.type === undefined || v.hostPath.type === null)) v.hostPath.type = '';
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 420;
    for (const item of v.downwardAPI.items ?? []) defaultDownwardAPIFile(item);
  }
  if (v.projected) {
    v.projected.defaultMode ??= 420;
    for (const s of v.projected.sources ?? []) {
      for (const item of s.downwardAPI?.items ?? []) defaultDownwardAPIFile(item);
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
  if (v.iscsi && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  if (v.rbd) {
    if (!v.rbd.pool) v.rbd.pool = 'rbd';
    if (!v.rbd.user) v.rbd.user = 'admin';
    if (!v.rbd.keyring) v.rbd.keyring = '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
  if (v.scaleIO) {
    if (!v.scaleIO.storageMode) v.scaleIO.storageMode = 'ThinProvisioned';
    if (!v.scaleIO.fsType) v.scaleIO.fsType = 'xfs';
  }
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec) {
    claimSpec.volumeMode ??= 'Filesystem';
    if (claimSpec.resources) defaultResources(claimSpec.resources);
  }
}

function defaultDownwardAPIFile(item: {
  fieldRef?: { apiVersion?: string };
  resourceFieldRef?: { divisor?: string };
}): void {
  if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  if (item.resourceFieldRef) item.resourceFieldRef.divisor = canonicalQuantity(item.resourceFieldRef.divisor ?? '0');
}

/** Re-serializes a quantity as the API would (a bare JSON number becomes its string); bad input is kept for validation. */
function canonicalQuantity(v: unknown): string {
  try {
    return quantityFromJSON(v).toString();
  } catch {
    return v as string;
  }
}

/** `SetDefaults_ResourceList`: every value rounded up to milli precision and re-serialized. */
export function roundResourceList(list: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(list)) {
    try {
      out[k] = quantityFromJSON(v).roundUp(-3).toString();
    } catch {
      out[k] = v;
    }
  }
  return out;
}

const INIT_CONTAINER_ANNOTATIONS = [
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
  'pod.beta.kubernetes.io/init-container-statuses',
  'pod.alpha.kubernetes.io/init-container-statuses',
];

function dropInitContainerAnnotations(annotations: Record<string, string>): void {
  for (const k of INIT_CONTAINER_ANNOTATIONS) delete annotations[k];
}
