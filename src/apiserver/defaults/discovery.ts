/**
 * Defaulting of discovery.k8s.io/v1 EndpointSlices as upstream's
 * pkg/apis/discovery/v1/defaults.go: each port's name defaults to "" and protocol to TCP.
 */
import type { EndpointSlice } from '../../api/types.js';

/** `SetDefaults_EndpointPort` on every port: name "" and protocol TCP. */
export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    if (p.name === undefined || p.name === null) p.name = '';
    if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
  }
}
