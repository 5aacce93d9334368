/**
 * StatefulSet revision history. Upstream keeps each revision in a ControllerRevision; skiff serves
 * no ControllerRevisions yet, so the live revisions (the set's current and update revisions and
 * those its pods still run) are kept, with the same names, numbers and template data, in one
 * annotation on the StatefulSet. `resolveRevisions` is upstream's getStatefulSetRevisions.
 */
import type { PodTemplateSpec, StatefulSet } from '../../api/types.js';
import { revisionHash, revisionName, sameTemplate } from './utils.js';

/** The annotation holding the revisions (JSON array of Revision). */
export const REVISIONS_ANNOTATION = 'statefulset.skiff.dev/revisions';

/** One revision: a ControllerRevision's name, number and the pod template it restores. */
export interface Revision {
  name: string;
  revision: number;
  template: PodTemplateSpec;
}

/** The revisions stored on the set, sorted by revision number (malformed data reads as none). */
export function readRevisions(set: StatefulSet): Revision[] {
  const raw = set.metadata?.annotations?.[REVISIONS_ANNOTATION];
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return [];
    return (v as Revision[]).filter((r) => r && typeof r.name === 'string' && typeof r.revision === 'number' && r.template).sort((a, b) => a.revision - b.revision);
  } catch {
    return [];
  }
}

/** The annotation value for a list of revisions. */
export function encodeRevisions(revs: readonly Revision[]): string {
  return JSON.stringify([...revs].sort((a, b) => a.revision - b.revision));
}

/** What getStatefulSetRevisions decides. */
export interface ResolvedRevisions {
  current: Revision;
  update: Revision;
  collisionCount: number;
  /** The history with the update revision added or renumbered. */
  revisions: Revision[];
}

/**
 * getStatefulSetRevisions: the update revision is the set's template — an existing equal revision
 * (renumbered as the newest when it is not already the newest: a rollback) or a new one named by
 * the template hash (bumping collisionCount on a name clash); the current revision is the one
 * named in status.currentRevision, or the update revision for a new set.
 */
export function resolveRevisions(set: StatefulSet, stored: readonly Revision[]): ResolvedRevisions {
  const revs = [...stored].sort((a, b) => a.revision - b.revision);
  let collisionCount = set.status?.collisionCount ?? 0;
  const template = set.spec?.template ?? {};
  const next = revs.length ? revs[revs.length - 1].revision + 1 : 1;
  const equal = revs.filter((r) => sameTemplate(r.template, template));
  let update: Revision;
  if (equal.length && equal[equal.length - 1] === revs[revs.length - 1]) {
    update = revs[revs.length - 1];
  } else if (equal.length) {
    update = { ...equal[equal.length - 1], revision: next };
    revs.splice(revs.indexOf(equal[equal.length - 1]), 1, update);
  } else {
    let name = revisionName(set.metadata?.name ?? '', revisionHash(template, collisionCount));
    for (let i = 0; i < 10 && revs.some((r) => r.name === name); i++) {
      collisionCount++;
      name = revisionName(set.metadata?.name ?? '', revisionHash(template, collisionCount));
    }
    update = { name, revision: next, template };
    revs.push(update);
  }
  const current = revs.find((r) => r.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount, revisions: revs };
}

/** truncateHistory for the annotation store: only live revisions are kept. */
export function liveRevisions(revs: readonly Revision[], live: ReadonlySet<string>): Revision[] {
  return revs.filter((r) => live.has(r.name));
}
