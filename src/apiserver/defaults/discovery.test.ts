import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointSlice } from '../../api/types.js';
import { defaultEndpointSlice } from './discovery.js';

test('defaultEndpointSlice: port name "" and protocol TCP', () => {
  const s: EndpointSlice = { addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] };
  defaultEndpointSlice(s);
  assert.deepEqual(s.ports, [{ port: 80, name: '', protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]);
});
