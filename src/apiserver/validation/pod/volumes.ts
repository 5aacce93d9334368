/**
 * `spec.volumes` validation after upstream `ValidateVolumes`/`validateVolumeSource`: names,
 * exactly one source, and the sources pods commonly use (emptyDir, hostPath, secret,
 * configMap, downwardAPI, projected, persistentVolumeClaim, nfs, ephemeral, csi, gitRepo).
 */
import { type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required } from '../../../api/field.js';
import type { ObjectMeta, Volume } from '../../../api/types.js';
import { validateLabelSelector } from '../meta.js';
import { nameIsDNSSubdomain } from '../names.js';
import {
  type PodValidationOptions,
  validateDNS1123Label,
  validateFileMode,
  validateLocalDescendingPath,
  validateLocalNonReservedPath,
  validatePathNoBacksteps,
} from './common.js';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './env.js';
import { parseQuantityField } from './resources.js';

/**
 * Volume source keys in upstream's checking order, with the path upstream uses in the "more
 * than 1 volume type" error (typos included) and, when different, the path of nested errors.
 */
const SOURCES: [key: string, path: string, nested?: string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk', 'persistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS', 'cephfs'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI', 'downwardAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

type Dict = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Upstream `ValidateVolumes`; returns the valid volumes by name (for mount checks) and the errors. */
export function validateVolumes(
  volumes: Volume[] | undefined,
  podMeta: ObjectMeta | undefined,
  path: Path,
  opts: PodValidationOptions,
): { volumes: Map<string, Volume>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const byName = new Map<string, Volume>();
  const createdPVCs = new Set<string>();
  if (podMeta?.name) for (const v of volumes ?? []) if (v.ephemeral) createdPVCs.add(`${podMeta.name}-${v.name}`);
  (volumes ?? []).forEach((vol, i) => {
    const p = path.index(i);
    const el = validateVolumeSource(vol, p, podMeta, opts);
    if (!vol.name) el.push(required(p.child('name'), ''));
    else el.push(...validateDNS1123Label(vol.name, p.child('name')));
    if (byName.has(vol.name)) el.push(duplicate(p.child('name'), vol.name));
    if (el.length === 0) byName.set(vol.name, vol);
    else errors.push(...el);
    const claim = vol.persistentVolumeClaim?.claimName;
    if (claim && createdPVCs.has(claim)) {
      errors.push(invalid(p.child('persistentVolumeClaim').child('claimName'), claim, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: byName, errors };
}

function validateVolumeSource(vol: Volume, p: Path, podMeta: ObjectMeta | undefined, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const v = vol as Volume & Dict;
  let count = 0;
  for (const [key, pathName, nested] of SOURCES) {
    const src = v[key];
    if (src === undefined || src === null) continue;
    if (key === 'emptyDir') {
      count++;
      const limit = (src as Dict).sizeLimit;
      if (limit !== undefined && limit !== null) {
        const q = parseQuantityField(limit, p.child('emptyDir').child('sizeLimit'), errs);
        if (q && q.sign() < 0) errs.push(forbidden(p.child('emptyDir').child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      continue;
    }
    if (count > 0) {
      errs.push(forbidden(p.child(pathName), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSource(key, src as Dict, p.child(nested ?? pathName), opts));
    if (key === 'ephemeral' && podMeta?.name && vol.name) {
      const pvcName = `${podMeta.name}-${vol.name}`;
      for (const m of nameIsDNSSubdomain(pvcName, false)) errs.push(invalid(p.child('name'), vol.name, `PVC name ${JSON.stringify(pvcName)}: ${m}`));
    }
  }
  if (count === 0) errs.push(required(p, 'must specify a volume type'));
  return errs;
}

function validateSource(key: string, s: Dict, p: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  switch (key) {
    case 'hostPath':
      if (!str(s.path)) return [required(p.child('path'), '')];
      errs.push(...validatePathNoBacksteps(str(s.path), p.child('path')));
      if (s.type !== undefined && s.type !== null && !HOST_PATH_TYPES.includes(str(s.type))) {
        errs.push(notSupported(p.child('type'), s.type, HOST_PATH_TYPES));
      }
      break;
    case 'gitRepo':
      if (!str(s.repository)) errs.push(required(p.child('repository'), ''));
      errs.push(...validateLocalDescendingPath(str(s.directory), p.child('directory')));
      break;
    case 'secret':
      if (!str(s.secretName)) errs.push(required(p.child('secretName'), ''));
      errs.push(...validateFileMode(s.defaultMode as number | undefined, p.child('defaultMode')));
      errs.push(...validateItems(s.items, p.child('items')));
      break;
    case 'configMap':
      if (!str(s.name)) errs.push(required(p.child('name'), ''));
      errs.push(...validateFileMode(s.defaultMode as number | undefined, p.child('defaultMode')));
      errs.push(...validateItems(s.items, p.child('items')));
      break;
    case 'persistentVolumeClaim':
      if (!str(s.claimName)) errs.push(required(p.child('claimName'), ''));
      break;
    case 'nfs':
      if (!str(s.server)) errs.push(required(p.child('server'), ''));
      if (!str(s.path)) errs.push(required(p.child('path'), ''));
      if (!str(s.path).startsWith('/')) errs.push(invalid(p.child('path'), str(s.path), 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateFileMode(s.defaultMode as number | undefined, p.child('defaultMode')));
      // Upstream reports item errors on the source path itself (no `items[i]`).
      for (const item of (s.items as Dict[] | undefined) ?? []) errs.push(...validateDownwardAPIFile(item, p));
      break;
    case 'projected':
      errs.push(...validateFileMode(s.defaultMode as number | undefined, p.child('defaultMode')));
      errs.push(...validateProjectionSources((s.sources as Dict[] | undefined) ?? [], p, opts));
      break;
    case 'csi':
      if (!str(s.driver)) errs.push(required(p.child('driver'), ''));
      break;
    case 'ephemeral':
      if (!s.volumeClaimTemplate) errs.push(required(p.child('volumeClaimTemplate'), ''));
      break;
    default:
      break;
  }
  return errs;
}

function validateItems(items: unknown, p: Path): FieldError[] {
  return ((items as Dict[] | undefined) ?? []).flatMap((kp, i) => validateKeyToPath(kp, p.index(i)));
}

function validateKeyToPath(kp: Dict, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp.key)) errs.push(required(p.child('key'), ''));
  if (!str(kp.path)) errs.push(required(p.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(str(kp.path), p.child('path')));
  errs.push(...validateFileMode(kp.mode as number | undefined, p.child('mode')));
  return errs;
}

function validateDownwardAPIFile(file: Dict, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(file.path)) errs.push(required(p.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(str(file.path), p.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef as Dict, VOLUME_FIELD_PATHS, p.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(invalid(p, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef as Dict, p.child('resourceFieldRef'), true));
  } else {
    errs.push(required(p, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateFileMode(file.mode as number | undefined, p.child('mode')));
  return errs;
}

function validateProjectionSources(sources: Dict[], p: Path, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const allPaths = new Set<string>();
  const claimPath = (path: string, value: string): void => {
    if (allPaths.has(path)) errs.push(invalid(p, value, 'conflicting duplicate paths'));
    else allPaths.add(path);
  };
  sources.forEach((source, i) => {
    let n = 0;
    const srcPath = p.child('sources').index(i);
    for (const kind of ['secret', 'configMap'] as const) {
      const s = source[kind] as Dict | undefined;
      if (!s) continue;
      n++;
      const projPath = srcPath.child(kind);
      if (!str(s.name)) errs.push(required(projPath.child('name'), ''));
      ((s.items as Dict[] | undefined) ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, projPath.child('items').index(j)));
        if (str(kp.path)) claimPath(str(kp.path), str(s.name));
      });
    }
    const dapi = source.downwardAPI as Dict | undefined;
    if (dapi) {
      n++;
      for (const file of (dapi.items as Dict[] | undefined) ?? []) {
        errs.push(...validateDownwardAPIFile(file, srcPath.child('downwardAPI')));
        if (str(file.path)) claimPath(str(file.path), str(file.path));
      }
    }
    const sat = source.serviceAccountToken as Dict | undefined;
    if (sat) {
      n++;
      const sPath = srcPath.child('serviceAccountToken');
      const exp = typeof sat.expirationSeconds === 'number' ? sat.expirationSeconds : 0;
      if (exp < 600) errs.push(invalid(sPath.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(sPath.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!str(sat.path)) errs.push(required(p.child('path'), ''));
      else if (!opts.allowNonLocalProjectedTokenPath) errs.push(...validateLocalNonReservedPath(str(sat.path), p.child('path')));
    }
    const ctb = source.clusterTrustBundle as Dict | undefined;
    if (ctb) {
      n++;
      const cPath = srcPath.child('clusterTrustBundle');
      if (ctb.name !== undefined && ctb.signerName !== undefined) {
        errs.push(invalid(cPath, ctb, 'only one of name and signerName may be used'));
      } else if (ctb.name === undefined && ctb.signerName === undefined) {
        errs.push(required(cPath, 'either name or signerName must be specified'));
      } else if (ctb.signerName !== undefined) {
        errs.push(...validateLabelSelector(ctb.labelSelector as never, cPath.child('labelSelector')));
      }
      if (!str(ctb.path)) errs.push(required(cPath.child('path'), ''));
      errs.push(...validateLocalNonReservedPath(str(ctb.path), cPath.child('path')));
      claimPath(str(ctb.path), str(ctb.path));
    }
    if (n > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}
