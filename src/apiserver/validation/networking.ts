/**
 * networking.k8s.io/v1 Ingress and IngressClass validation as upstream's
 * pkg/apis/networking/validation: hosts (wildcards allowed in the first label), paths and
 * path types, service or resource backends, TLS, class names and parameters.
 */
import type { FieldError, Path } from '../../api/field.js';
import { forbidden, invalid, notSupported, required, root, tooLong } from '../../api/field.js';
import type { Ingress, IngressClass } from '../../api/types.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import {
  isDNS1123Subdomain,
  isDomainPrefixedPath,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validatePathSegmentName,
} from './names.js';
import { validateImmutable } from './common.js';
import { invalidRepr } from './gorepr.js';
import { parseIPSloppy } from './netip.js';

type Spec = NonNullable<Ingress['spec']>;
type Backend = NonNullable<Spec['defaultBackend']>;
type Rule = NonNullable<Spec['rules']>[number];

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

interface Options {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

interface TypedRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

function validateTypedRef(ref: TypedRef | undefined, path: Path): FieldError[] {
  if (!ref) return [];
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined && ref.apiGroup !== null) {
    errs.push(...isDNS1123Subdomain(ref.apiGroup).map((m) => invalid(path.child('apiGroup'), ref.apiGroup, m)));
  }
  for (const f of ['kind', 'name'] as const) {
    const v = ref[f] ?? '';
    if (v === '') errs.push(required(path.child(f), `${f} is required`));
    else errs.push(...validatePathSegmentName(v, false).map((m) => invalid(path.child(f), v, m)));
  }
  return errs;
}

function validateBackend(b: Backend, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (b.resource && b.service) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (b.resource) return validateTypedRef(b.resource, path.child('resource'));
  if (!b.service) return [invalid(path, '', 'resource or service backend is required')];
  const name = b.service.name ?? '';
  if (name === '') errs.push(required(path.child('service').child('name')));
  else errs.push(...nameIsDNS1035Label(name, false).map((m) => invalid(path.child('service').child('name'), name, m)));
  const portName = b.service.port?.name ?? '';
  const portNumber = b.service.port?.number ?? 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') errs.push(...isValidPortName(portName).map((m) => invalid(path.child('service').child('port').child('name'), portName, m)));
  else if (portNumber !== 0) errs.push(...isValidPortNum(portNumber).map((m) => invalid(path.child('service').child('port').child('number'), portNumber, m)));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validateRuleValue(rule: Rule, path: Path): FieldError[] {
  if (!rule.http) return [];
  const errs: FieldError[] = [];
  const paths = rule.http.paths ?? [];
  const pp = path.child('http').child('paths');
  if (paths.length === 0) errs.push(required(pp));
  paths.forEach((p, i) => {
    const idx = pp.index(i);
    if (p.pathType === undefined || p.pathType === null) {
      errs.push(required(idx.child('pathType'), 'pathType must be specified'));
      return;
    }
    const value = p.path ?? '';
    switch (p.pathType) {
      case 'Exact':
      case 'Prefix':
        if (!value.startsWith('/')) errs.push(invalid(idx.child('path'), value, 'must be an absolute path'));
        if (value.length > 0) {
          for (const seq of INVALID_SEQUENCES) {
            if (value.includes(seq)) errs.push(invalid(idx.child('path'), value, `must not contain '${seq}'`));
          }
          for (const suf of INVALID_SUFFIXES) {
            if (value.endsWith(suf)) errs.push(invalid(idx.child('path'), value, `cannot end with '${suf}'`));
          }
        }
        break;
      case 'ImplementationSpecific':
        if (value.length > 0 && !value.startsWith('/')) errs.push(invalid(idx.child('path'), value, 'must be an absolute path'));
        break;
      default:
        errs.push(notSupported(idx.child('pathType'), p.pathType, PATH_TYPES));
    }
    errs.push(...validateBackend(p.backend ?? {}, idx.child('backend')));
  });
  return errs;
}

function validateRules(rules: Rule[], path: Path, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = rule.host ?? '';
    let wildcard = false;
    if (host.length > 0) {
      const hp = path.index(i).child('host');
      if (parseIPSloppy(host)) errs.push(invalid(hp, host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        errs.push(...isWildcardDNS1123Subdomain(host).map((m) => invalid(hp, host, m)));
        wildcard = true;
      } else {
        errs.push(...isDNS1123Subdomain(host).map((m) => invalid(hp, host, m)));
      }
    }
    if (!wildcard || !opts.allowInvalidWildcardHostRule) errs.push(...validateRuleValue(rule, path.index(i)));
  });
  return errs;
}

const tlsSecretNameErrors = (name: string): string[] => (name === '' ? [] : nameIsDNSSubdomain(name, false));

function validateTLS(spec: Spec, path: Path, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  (spec.tls ?? []).forEach((tls, i) => {
    (tls.hosts ?? []).forEach((host, j) => {
      const hp = path.index(i).child('hosts').index(j);
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      errs.push(...msgs.map((m) => invalid(hp, host, m)));
    });
    if (!opts.allowInvalidSecretName) {
      const sn = tls.secretName ?? '';
      errs.push(...tlsSecretNameErrors(sn).map((m) => invalid(path.index(i).child('secretName'), sn, m)));
    }
  });
  return errs;
}

function validateIngressWith(ing: Ingress, opts: Options): FieldError[] {
  const errs = validateObjectMeta(ing.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  const spec = ing.spec ?? {};
  const path = root('spec');
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push(invalidRepr(path, '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, path.child('defaultBackend')));
  if (rules.length > 0) errs.push(...validateRules(rules, path.child('rules'), opts));
  if ((spec.tls ?? []).length > 0) errs.push(...validateTLS(spec, path.child('tls'), opts));
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    const cn = spec.ingressClassName;
    errs.push(...nameIsDNSSubdomain(cn, false).map((m) => invalid(path.child('ingressClassName'), cn, m)));
  }
  return errs;
}

/** `ValidateIngressCreate`: the Ingress rules, and the class annotation agreeing with ingressClassName. */
export function validateIngress(ing: Ingress): FieldError[] {
  const errs = validateIngressWith(ing, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false });
  const ann = ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
  const cn = ing.spec?.ingressClassName;
  if (ann !== undefined && cn !== undefined && cn !== null && ann !== cn) {
    errs.push(invalid(root('annotations').child(INGRESS_CLASS_ANNOTATION), ann, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** `ValidateIngressUpdate`: tolerates invalid data the old object already had (secret names, wildcard rules). */
export function validateIngressUpdate(ing: Ingress, old: Ingress): FieldError[] {
  const oldSpec = old.spec ?? {};
  const opts: Options = {
    allowInvalidSecretName: (oldSpec.tls ?? []).some((t) => tlsSecretNameErrors(t.secretName ?? '').length > 0),
    allowInvalidWildcardHostRule: (oldSpec.rules ?? []).some(
      (r) => (r.host ?? '').includes('*') && validateRuleValue(r, root()).length > 0,
    ),
  };
  return [...validateObjectMetaUpdate(ing.metadata ?? {}, old.metadata ?? {}, root('metadata')), ...validateIngressWith(ing, opts)];
}

function validateIngressClassSpec(ic: IngressClass): FieldError[] {
  const path = root('spec');
  const controller = ic.spec?.controller ?? '';
  const errs: FieldError[] = [];
  if (controller.length > 250) errs.push(tooLong(path.child('controller'), '', 250));
  errs.push(...isDomainPrefixedPath(path.child('controller'), controller));
  const params = ic.spec?.parameters;
  if (params) {
    const pp = path.child('parameters');
    errs.push(...validateTypedRef(params, pp));
    if (params.scope === undefined || params.scope === null) {
      errs.push(required(pp.child('scope')));
      return errs;
    }
    if (params.scope !== 'Cluster' && params.scope !== 'Namespace') {
      errs.push(notSupported(pp.child('scope'), params.scope, ['Cluster', 'Namespace']));
    } else if (params.scope === 'Namespace') {
      if (params.namespace === undefined || params.namespace === null) {
        errs.push(required(pp.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
      } else {
        const ns = params.namespace;
        errs.push(...nameIsDNSLabel(ns, false).map((m) => invalid(pp.child('namespace'), ns, m)));
      }
    } else if (params.namespace !== undefined && params.namespace !== null) {
      errs.push(forbidden(pp.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
}

/** `ValidateIngressClass`: cluster-scoped DNS subdomain name, domain-prefixed controller, parameters. */
export function validateIngressClass(ic: IngressClass): FieldError[] {
  const errs = validateObjectMeta(ic.metadata ?? {}, { namespaced: false, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateIngressClassSpec(ic));
  return errs;
}

/** `ValidateIngressClassUpdate`: the controller is immutable. */
export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  const errs = validateObjectMetaUpdate(ic.metadata ?? {}, old.metadata ?? {}, root('metadata'));
  errs.push(...validateImmutable(ic.spec?.controller ?? '', old.spec?.controller ?? '', root('spec', 'controller')));
  errs.push(...validateIngressClass(ic));
  return errs;
}
