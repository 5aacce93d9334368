/**
 * Validation of the core/v1 (non-Pod) resources: ConfigMap, Secret, ServiceAccount, Namespace
 * and PodTemplate live here; Service, Endpoints, Node and Event are re-exported from their own
 * modules so callers can import every core validator from this file.
 */
import type { FieldError } from '../../api/field.js';
import { forbidden, invalid, required, root, tooLong } from '../../api/field.js';
import type { ConfigMap, Namespace, PodTemplateSpec, Secret, ServiceAccount, StoredObject } from '../../api/types.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isConfigMapKey, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod.js';
import { validateImmutable } from './common.js';

export { validateService, validateServiceUpdate } from './service.js';
export { validateEndpoints, validateEndpointsUpdate } from './endpoints.js';
export { validateNode, validateNodeUpdate } from './node.js';
export { validateEvent, validateEventUpdate } from './events.js';

/** Upstream `core.MaxSecretSize`, also the ConfigMap limit: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const meta = root('metadata');

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
const base64Length = (s: string): number => Buffer.from(String(s), 'base64').length;

/** `ValidateConfigMap`: key format, no key in both data and binaryData, 1 MiB total. */
export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, meta);
  let total = 0;
  const binary = cm.binaryData ?? {};
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    const path = root('data').key(key);
    errs.push(...isConfigMapKey(key).map((m) => invalid(path, key, m)));
    if (Object.prototype.hasOwnProperty.call(binary, key)) errs.push(invalid(path, key, 'duplicate of key present in binaryData'));
    total += byteLength(String(value));
  }
  for (const [key, value] of Object.entries(binary)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(root('binaryData').key(key), key, m)));
    total += base64Length(value);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(root(), '', MAX_SECRET_SIZE));
  return errs;
}

const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

/** `ValidateConfigMapUpdate`: an immutable ConfigMap keeps its data and its `immutable: true`. */
export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata ?? {}, old.metadata ?? {}, meta);
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(forbidden(root('immutable'), IMMUTABLE_SET));
    if (!sameMap(cm.data, old.data)) errs.push(forbidden(root('data'), IMMUTABLE_SET));
    if (!sameMap(cm.binaryData, old.binaryData)) errs.push(forbidden(root('binaryData'), IMMUTABLE_SET));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}

/** `reflect.DeepEqual` on two string maps (nil and empty differ, as in Go). */
function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** What Go's encoding/json says about bytes that do not decode into a map (approximated). */
function jsonMapError(raw: string): string | undefined {
  const text = Buffer.from(raw, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const first = text.trim()[0];
    return first === undefined ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
  }
  if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return undefined;
  const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

function validateSecretType(secret: Secret): FieldError[] {
  const data = secret.data ?? {};
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(data, k);
  const dataKey = (k: string) => root('data').key(k);
  const redacted = '<secret contents redacted>';
  switch (secret.type) {
    case 'kubernetes.io/service-account-token': {
      const key = 'kubernetes.io/service-account.name';
      return secret.metadata?.annotations?.[key] ? [] : [required(root('metadata', 'annotations').key(key))];
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) return [required(dataKey(key))];
      const err = jsonMapError(data[key]!);
      return err ? [invalid(dataKey(key), redacted, err)] : [];
    }
    case 'kubernetes.io/basic-auth':
      return !has('username') && !has('password') ? [required(dataKey('username')), required(dataKey('password'))] : [];
    case 'kubernetes.io/ssh-auth':
      return base64Length(data['ssh-privatekey'] ?? '') === 0 ? [required(dataKey('ssh-privatekey'))] : [];
    case 'kubernetes.io/tls': {
      const errs: FieldError[] = [];
      if (!has('tls.crt')) errs.push(required(dataKey('tls.crt')));
      if (!has('tls.key')) errs.push(required(dataKey('tls.key')));
      return errs;
    }
    default:
      return [];
  }
}

/** `ValidateSecret`: key format, 1 MiB of data, and the keys each well-known type requires. */
export function validateSecret(secret: Secret): FieldError[] {
  const errs = validateObjectMeta(secret.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, meta);
  let total = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(root('data').key(key), key, m)));
    total += base64Length(value);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(root('data'), '', MAX_SECRET_SIZE));
  errs.push(...validateSecretType(secret));
  return errs;
}

/** `ValidateSecretUpdate`: type is immutable, as are the data of an immutable Secret. */
export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata ?? {}, old.metadata ?? {}, meta);
  errs.push(...validateImmutable(secret.type ?? '', old.type ?? '', root('type')));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(forbidden(root('immutable'), IMMUTABLE_SET));
    if (!sameMap(secret.data, old.data)) errs.push(forbidden(root('data'), IMMUTABLE_SET));
  }
  errs.push(...validateSecret(secret));
  return errs;
}

/** `ValidateServiceAccount`: metadata only (DNS subdomain name). */
export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, meta);
}

/** `ValidateServiceAccountUpdate`. */
export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return [...validateObjectMetaUpdate(sa.metadata ?? {}, old.metadata ?? {}, meta), ...validateServiceAccount(sa)];
}

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** `validateFinalizerName` for namespace spec finalizers (qualified name, or a standard name). */
function validateFinalizerName(name: string): FieldError[] {
  const path = root('spec', 'finalizers');
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

/** `ValidateNamespace`: a DNS-1123 label name and valid spec finalizers. */
export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata ?? {}, { namespaced: false, nameFn: nameIsDNSLabel }, meta);
  for (const f of ns.spec?.finalizers ?? []) errs.push(...validateFinalizerName(f));
  return errs;
}

/** `ValidateNamespaceUpdate`: metadata update rules only (spec and status are carried over). */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata ?? {}, old.metadata ?? {}, meta);
}

/** A core/v1 PodTemplate (not in the shared type list): metadata plus a pod template. */
export interface PodTemplate extends StoredObject {
  template?: PodTemplateSpec;
}

/** `ValidatePodTemplate`: metadata (DNS subdomain name) and the template at `template`. */
export function validatePodTemplate(pt: PodTemplate): FieldError[] {
  const errs = validateObjectMeta(pt.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, meta);
  errs.push(...validatePodTemplateSpec(pt.template ?? {}, root('template')));
  return errs;
}

/** `ValidatePodTemplateUpdate`. */
export function validatePodTemplateUpdate(pt: PodTemplate, old: PodTemplate): FieldError[] {
  const errs = validateObjectMetaUpdate(pt.metadata ?? {}, old.metadata ?? {}, meta);
  errs.push(...validatePodTemplateSpec(pt.template ?? {}, root('template')));
  return errs;
}
