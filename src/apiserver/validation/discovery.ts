/**
 * discovery.k8s.io/v1 EndpointSlice validation as upstream's pkg/apis/discovery/validation:
 * address type, up to 1000 endpoints of 1-100 addresses valid for that type, up to 20000
 * uniquely named ports, topology hints; addressType is immutable.
 */
import type { FieldError, Path } from '../../api/field.js';
import { duplicate, invalid, notSupported, required, root, tooMany } from '../../api/field.js';
import type { EndpointSlice } from '../../api/types.js';
import { validateLabels, validateObjectMeta } from './meta.js';
import { isDNS1123Label, isFullyQualifiedDomainName, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names.js';
import { validateImmutable } from './common.js';
import { isV4, parseIPSloppy, validateNonSpecialIP } from './netip.js';
import { PORT_PROTOCOLS } from './service.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ZONE_HINTS = 8;

type Endpoint = EndpointSlice['endpoints'][number];

function validateAddress(addrType: string, address: string, path: Path): FieldError[] {
  switch (addrType) {
    case 'IPv4':
    case 'IPv6': {
      const ip = parseIPSloppy(address);
      const ok = ip !== null && (addrType === 'IPv4' ? isV4(ip) : !isV4(ip));
      const errs = ok ? [] : [invalid(path, address, `must be a valid ${addrType} address`)];
      return [...errs, ...validateNonSpecialIP(address, path, true)];
    }
    case 'FQDN':
      return isFullyQualifiedDomainName(path, address);
    default:
      return [];
  }
}

function validateEndpoint(ep: Endpoint, addrType: string, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = ep.addresses ?? [];
  const ap = path.child('addresses');
  if (addresses.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(ap, addresses.length, MAX_ADDRESSES));
  addresses.forEach((a, i) => errs.push(...validateAddress(addrType, a, ap.index(i))));
  if (ep.nodeName !== undefined && ep.nodeName !== null) {
    const nn = ep.nodeName;
    errs.push(...nameIsDNSSubdomain(nn, false).map((m) => invalid(path.child('nodeName'), nn, m)));
  }
  const topology = ep.deprecatedTopology ?? {};
  const tp = path.child('deprecatedTopology');
  if (Object.keys(topology).length > 16) errs.push(tooMany(tp, Object.keys(topology).length, 16));
  errs.push(...validateLabels(topology, tp));
  if (ep.hostname !== undefined && ep.hostname !== null) {
    const h = ep.hostname;
    errs.push(...isDNS1123Label(h).map((m) => invalid(path.child('hostname'), h, m)));
  }
  const zones = ep.hints?.forZones ?? [];
  if (ep.hints) {
    const fz = path.child('hints').child('forZones');
    if (zones.length > MAX_ZONE_HINTS) {
      errs.push(tooMany(fz, zones.length, MAX_ZONE_HINTS));
    } else {
      const seen = new Set<string>();
      zones.forEach((z, i) => {
        const zp = fz.index(i).child('name');
        const name = z.name ?? '';
        if (seen.has(name)) errs.push(duplicate(zp, name));
        else seen.add(name);
        errs.push(...isValidLabelValue(name).map((m) => invalid(zp, name, m)));
      });
    }
  }
  return errs;
}

function validatePorts(ports: NonNullable<EndpointSlice['ports']>, path: Path): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany(path, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = path.index(i);
    const name = p.name ?? '';
    if (name.length > 0) errs.push(...isDNS1123Label(name).map((m) => invalid(idx.child('name'), name, m)));
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else names.add(name);
    if (p.protocol === undefined || p.protocol === null) errs.push(required(idx.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(p.protocol)) errs.push(notSupported(idx.child('protocol'), p.protocol, PORT_PROTOCOLS));
    if (p.appProtocol !== undefined && p.appProtocol !== null) {
      const ap = p.appProtocol;
      errs.push(...isQualifiedName(ap).map((m) => invalid(idx.child('appProtocol'), ap, m)));
    }
  });
  return errs;
}

/** `ValidateEndpointSlice`: metadata, address type, endpoints and ports. */
export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const errs = validateObjectMeta(slice.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  const addrType = slice.addressType ?? '';
  if (addrType === '') errs.push(required(root('addressType')));
  else if (!ADDRESS_TYPES.includes(addrType)) errs.push(notSupported(root('addressType'), addrType, ADDRESS_TYPES));
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) {
    errs.push(tooMany(root('endpoints'), endpoints.length, MAX_ENDPOINTS));
  } else {
    endpoints.forEach((ep, i) => errs.push(...validateEndpoint(ep, addrType, root('endpoints').index(i))));
  }
  errs.push(...validatePorts(slice.ports ?? [], root('ports')));
  return errs;
}

/** `ValidateEndpointSliceUpdate`: the create rules plus an immutable addressType. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  return [...validateEndpointSlice(slice), ...validateImmutable(slice.addressType ?? '', old.addressType ?? '', root('addressType'))];
}
