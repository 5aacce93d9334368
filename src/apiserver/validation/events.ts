/**
 * Event validation as upstream's pkg/apis/core/validation/events.go. Both core/v1 Events and
 * events.k8s.io/v1 Events are validated as the internal core Event, so errors carry the
 * internal field paths (`message`, `involvedObject.namespace`, `reportingController`...) even
 * for events.k8s.io requests, as upstream reports them. core/v1 gets only the legacy rules;
 * events.k8s.io/v1 adds the strict ones.
 */
import type { FieldError } from '../../api/field.js';
import { invalid, required, root } from '../../api/field.js';
import type { Event, EventsV1Event, ObjectMeta } from '../../api/types.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validatePathSegmentName } from './names.js';
import { validateImmutable } from './common.js';
import { goQuote } from './gorepr.js';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

interface ObjectRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** The internal (core) view of an event, whichever API version it came through. */
interface InternalEvent {
  metadata: ObjectMeta;
  involvedObject: ObjectRef;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  count: number;
  type: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  action: string;
  related?: ObjectRef;
  reportingController: string;
  reportingInstance: string;
}

function fromCore(ev: Event): InternalEvent {
  return {
    metadata: ev.metadata ?? {},
    involvedObject: ev.involvedObject ?? {},
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    source: ev.source ?? {},
    firstTimestamp: ev.firstTimestamp,
    lastTimestamp: ev.lastTimestamp,
    count: ev.count ?? 0,
    type: ev.type ?? '',
    eventTime: ev.eventTime,
    series: ev.series,
    action: ev.action ?? '',
    related: ev.related,
    reportingController: ev.reportingComponent ?? '',
    reportingInstance: ev.reportingInstance ?? '',
  };
}

function fromEventsV1(ev: EventsV1Event): InternalEvent {
  return {
    metadata: ev.metadata ?? {},
    involvedObject: ev.regarding ?? {},
    reason: ev.reason ?? '',
    message: ev.note ?? '',
    source: ev.deprecatedSource ?? {},
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount ?? 0,
    type: ev.type ?? '',
    eventTime: ev.eventTime,
    series: ev.series,
    action: ev.action ?? '',
    related: ev.related,
    reportingController: ev.reportingController ?? '',
    reportingInstance: ev.reportingInstance ?? '',
  };
}

const isZeroTime = (t: string | undefined | null): boolean => t === undefined || t === null || t === '';

/** `legacyValidateEvent`: the rules every event passes, whatever API version wrote it. */
function legacyValidate(ev: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject.namespace ?? '';
  const nsPath = root('involvedObject', 'namespace');
  const mismatch = 'does not match event.namespace';
  const tooMany = (n: number) => `can have at most ${n} characters`;
  if (isZeroTime(ev.eventTime)) {
    if (involvedNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(invalid(nsPath, involvedNs, mismatch));
    } else if (ns !== involvedNs) {
      errs.push(invalid(nsPath, involvedNs, mismatch));
    }
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(invalid(nsPath, involvedNs, mismatch));
    if (ev.reportingController === '') errs.push(required(root('reportingController')));
    errs.push(...isQualifiedName(ev.reportingController).map((m) => invalid(root('reportingController'), ev.reportingController, m)));
    if (ev.reportingInstance === '') errs.push(required(root('reportingInstance')));
    if (ev.reportingInstance.length > REPORTING_INSTANCE_LIMIT) {
      errs.push(invalid(root('reportingInstance'), '', tooMany(REPORTING_INSTANCE_LIMIT)));
    }
    if (ev.action === '') errs.push(required(root('action')));
    if (ev.action.length > ACTION_LIMIT) errs.push(invalid(root('action'), '', tooMany(ACTION_LIMIT)));
    if (ev.reason === '') errs.push(required(root('reason')));
    if (ev.reason.length > REASON_LIMIT) errs.push(invalid(root('reason'), '', tooMany(REASON_LIMIT)));
    if (ev.message.length > NOTE_LIMIT) errs.push(invalid(root('message'), '', tooMany(NOTE_LIMIT)));
  }
  errs.push(...isDNS1123Subdomain(ns).map((m) => invalid(root('namespace'), ns, m)));
  return errs;
}

function validateSeries(ev: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (ev.series) {
    if ((ev.series.count ?? 0) < 2) errs.push(invalid(root('series.count'), '', 'should be at least 2'));
    if (isZeroTime(ev.series.lastObservedTime)) errs.push(required(root('series.lastObservedTime')));
  }
  return errs;
}

function strictCreate(ev: InternalEvent): FieldError[] {
  const errs = validateObjectMeta(ev.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateSeries(ev));
  if (isZeroTime(ev.eventTime)) errs.push(required(root('eventTime')));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(invalid(root('type'), '', `has invalid value: ${ev.type}`));
  if (!isZeroTime(ev.firstTimestamp)) errs.push(invalid(root('firstTimestamp'), '', 'needs to be unset'));
  if (!isZeroTime(ev.lastTimestamp)) errs.push(invalid(root('lastTimestamp'), '', 'needs to be unset'));
  if (ev.count !== 0) errs.push(invalid(root('count'), '', 'needs to be unset'));
  if (ev.source.component || ev.source.host) errs.push(invalid(root('source'), '', 'needs to be unset'));
  return errs;
}

function refRepr(v: unknown): string {
  const r = (v ?? {}) as ObjectRef;
  return (
    `core.ObjectReference{Kind:${goQuote(r.kind ?? '')}, Namespace:${goQuote(r.namespace ?? '')}, Name:${goQuote(r.name ?? '')}, ` +
    `UID:${goQuote(r.uid ?? '')}, APIVersion:${goQuote(r.apiVersion ?? '')}, ResourceVersion:${goQuote(r.resourceVersion ?? '')}, ` +
    `FieldPath:${goQuote(r.fieldPath ?? '')}}`
  );
}

/** Go's `time.Time.String()` for a UTC RFC 3339 timestamp. */
function timeRepr(v: unknown): string {
  if (typeof v !== 'string' || v === '') return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const frac = /\.(\d+)/.exec(v)?.[1]?.replace(/0+$/, '');
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}${frac ? `.${frac}` : ''} +0000 UTC`;
}

function strictUpdate(ev: InternalEvent, old: InternalEvent): FieldError[] {
  const errs = validateObjectMetaUpdate(ev.metadata, old.metadata, root('metadata'));
  if (JSON.stringify(ev.series ?? null) !== JSON.stringify(old.series ?? null)) errs.push(...validateSeries(ev));
  const im = (a: unknown, b: unknown, name: string, repr?: (v: unknown) => string) =>
    errs.push(...validateImmutable(a, b, root(name), repr));
  const src = (v: unknown) => {
    const s = (v ?? {}) as InternalEvent['source'];
    return `core.EventSource{Component:${goQuote(s.component ?? '')}, Host:${goQuote(s.host ?? '')}}`;
  };
  im(ev.involvedObject, old.involvedObject, 'involvedObject', refRepr);
  im(ev.reason, old.reason, 'reason');
  im(ev.message, old.message, 'message');
  im(ev.source, old.source, 'source', src);
  im(ev.firstTimestamp, old.firstTimestamp, 'firstTimestamp', timeRepr);
  im(ev.lastTimestamp, old.lastTimestamp, 'lastTimestamp', timeRepr);
  im(ev.count, old.count, 'count');
  im(ev.reason, old.reason, 'reason');
  im(ev.type, old.type, 'type');
  im(ev.eventTime, old.eventTime, 'eventTime', timeRepr);
  im(ev.action, old.action, 'action');
  im(ev.related, old.related, 'related', (v) => (v ? refRepr(v) : 'null'));
  im(ev.reportingController, old.reportingController, 'reportingController');
  im(ev.reportingInstance, old.reportingInstance, 'reportingInstance');
  return errs;
}

/** core/v1 Event create: the legacy rules plus path-segment name checks on metadata. */
export function validateEvent(ev: Event): FieldError[] {
  const e = fromCore(ev);
  return [...legacyValidate(e), ...validateObjectMeta(e.metadata, { namespaced: true, nameFn: validatePathSegmentName }, root('metadata'))];
}

/** core/v1 Event update: the legacy rules on the new event and metadata update rules. */
export function validateEventUpdate(ev: Event, old: Event): FieldError[] {
  const e = fromCore(ev);
  return [...validateObjectMetaUpdate(e.metadata, old.metadata ?? {}, root('metadata')), ...legacyValidate(e)];
}

/** events.k8s.io/v1 Event create: legacy rules plus the strict v1 rules (eventTime, type...). */
export function validateEventsV1Event(ev: EventsV1Event): FieldError[] {
  const e = fromEventsV1(ev);
  return [...legacyValidate(e), ...strictCreate(e)];
}

/** events.k8s.io/v1 Event update: legacy rules plus immutability of everything but series. */
export function validateEventsV1EventUpdate(ev: EventsV1Event, old: EventsV1Event): FieldError[] {
  const e = fromEventsV1(ev);
  return [...legacyValidate(e), ...strictUpdate(e, fromEventsV1(old))];
}
