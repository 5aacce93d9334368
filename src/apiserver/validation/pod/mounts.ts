/**
 * `volumeMounts` and `volumeDevices` validation after upstream `ValidateVolumeMounts` and
 * `ValidateVolumeDevices`: references to existing volumes, unique paths, subPath rules,
 * mount propagation and recursive read-only mounts.
 */
import { type FieldError, type Path, forbidden, invalid, notFound, notSupported, required } from '../../../api/field.js';
import type { Container, Volume } from '../../../api/types.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './common.js';

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RRO = ['Disabled', 'Enabled', 'IfPossible'];

/** Upstream `ValidateVolumeMounts` for one container. */
export function validateVolumeMounts(c: Container, volumes: Map<string, Volume>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const devices = new Map((c.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  const devicePaths = new Set(devices.values());
  const mountPoints = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = path.index(i);
    if (!m.name) errs.push(required(p.child('name'), ''));
    if (!volumes.has(m.name)) errs.push(notFound(p.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(p.child('mountPath'), ''));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
    if (devices.has(m.name)) errs.push(invalid(p.child('name'), m.name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must not already exist as a path in volumeDevices'));
    if (volumes.get(m.name)?.image) {
      if (m.subPath) errs.push(invalid(p.child('subPath'), m.subPath, 'not allowed in image volume sources'));
      if (m.subPathExpr) errs.push(invalid(p.child('subPathExpr'), m.subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream reports subPath errors on the list path, without the index.
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, path.child('subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(p.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, path.child('subPathExpr')));
    }
    if (m.mountPropagation !== undefined && m.mountPropagation !== null) {
      const mp = path.child('mountPropagation');
      if (!PROPAGATIONS.includes(m.mountPropagation)) errs.push(notSupported(mp, m.mountPropagation, PROPAGATIONS));
      if (m.mountPropagation === 'Bidirectional' && c.securityContext?.privileged !== true) {
        errs.push(forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    const rro = m.recursiveReadOnly;
    if (rro !== undefined && rro !== null) {
      const rp = path.child('recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (!m.readOnly) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
        if (m.mountPropagation && m.mountPropagation !== 'None') {
          errs.push(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else if (rro !== 'Disabled') {
        errs.push(notSupported(rp, rro, RRO));
      }
    }
  });
  return errs;
}

/** Upstream `ValidateVolumeDevices` for one container: PVC-backed volumes only, unique names and paths. */
export function validateVolumeDevices(c: Container, volumes: Map<string, Volume>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  const mountPaths = new Set(mounts.values());
  const paths = new Set<string>();
  const names = new Set<string>();
  (c.volumeDevices ?? []).forEach((d, i) => {
    const p = path.index(i);
    const vol = volumes.get(d.name);
    if (!d.name) errs.push(required(p.child('name'), ''));
    if (names.has(d.name)) errs.push(invalid(p.child('name'), d.name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral) {
      errs.push(invalid(p.child('name'), d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!vol) errs.push(notFound(p.child('name'), d.name ?? ''));
    if (!d.devicePath) errs.push(required(p.child('devicePath'), ''));
    if (paths.has(d.devicePath)) errs.push(invalid(p.child('devicePath'), d.devicePath, 'must be unique'));
    if (d.devicePath && validatePathNoBacksteps(d.devicePath, p).length > 0) {
      errs.push(invalid(p.child('devicePath'), d.devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(d.devicePath);
    }
    if (mounts.has(d.name)) errs.push(invalid(p.child('name'), d.name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(d.devicePath)) errs.push(invalid(p.child('devicePath'), d.devicePath, 'must not already exist as a path in volumeMounts'));
    if (d.name) names.add(d.name);
  });
  return errs;
}
