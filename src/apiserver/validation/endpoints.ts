/**
 * core/v1 Endpoints validation as upstream's `ValidateEndpoints` / `ValidateEndpointsUpdate`:
 * each subset needs addresses, addresses must be valid non-special IPs with DNS-label
 * hostnames, and ports need names when there are several.
 */
import type { FieldError, Path } from '../../api/field.js';
import { invalid, notSupported, required, root } from '../../api/field.js';
import type { Endpoints, EndpointSubset } from '../../api/types.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isQualifiedName, isValidIP, isValidPortNum, nameIsDNSSubdomain } from './names.js';
import { validateNonSpecialIP } from './netip.js';
import { PORT_PROTOCOLS } from './service.js';

type Address = NonNullable<EndpointSubset['addresses']>[number];
type Port = NonNullable<EndpointSubset['ports']>[number];

function validateAddress(addr: Address, path: Path): FieldError[] {
  const ip = addr.ip ?? '';
  const errs = isValidIP(ip).map((m) => invalid(path.child('ip'), ip, m));
  if (addr.hostname) errs.push(...isDNS1123Label(addr.hostname).map((m) => invalid(path.child('hostname'), addr.hostname, m)));
  if (addr.nodeName !== undefined && addr.nodeName !== null) {
    errs.push(...nameIsDNSSubdomain(addr.nodeName, false).map((m) => invalid(path.child('nodeName'), addr.nodeName, m)));
  }
  errs.push(...validateNonSpecialIP(ip, path.child('ip'), true));
  return errs;
}

function validatePort(port: Port, requireName: boolean, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') errs.push(...isDNS1123Label(name).map((m) => invalid(path.child('name'), name, m)));
  errs.push(...isValidPortNum(port.port ?? 0).map((m) => invalid(path.child('port'), port.port ?? 0, m)));
  if (!port.protocol) errs.push(required(path.child('protocol')));
  else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(path.child('protocol'), port.protocol, PORT_PROTOCOLS));
  if (port.appProtocol !== undefined && port.appProtocol !== null) {
    errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(path.child('appProtocol'), port.appProtocol, m)));
  }
  return errs;
}

function validateSubsets(subsets: EndpointSubset[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  subsets.forEach((ss, i) => {
    const idx = path.index(i);
    const addresses = ss.addresses ?? [];
    const notReady = ss.notReadyAddresses ?? [];
    if (addresses.length === 0 && notReady.length === 0) {
      errs.push(required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    }
    addresses.forEach((a, j) => errs.push(...validateAddress(a, idx.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, idx.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, idx.child('ports').index(j))));
  });
  return errs;
}

/** `ValidateEndpoints`: metadata (DNS subdomain name) and every subset. */
export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateObjectMeta(ep.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, root('metadata'));
  errs.push(...validateSubsets(ep.subsets ?? [], root('subsets')));
  return errs;
}

/** `ValidateEndpointsUpdate`: metadata update rules plus `validateEndpoints`. */
export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata ?? {}, old.metadata ?? {}, root('metadata')), ...validateEndpoints(ep)];
}
