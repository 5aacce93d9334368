import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from '../../api/types.js';
import { dialErrorMessage, goDuration, goQuote, joinHostPort, resolveContainerPort } from './util.js';

const container: Container = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }, { name: 'zero', containerPort: 0 }] };

test('resolveContainerPort: numbers, names, numeric strings and upstream errors', () => {
  assert.deepEqual(resolveContainerPort(80, container), { port: 80 });
  assert.deepEqual(resolveContainerPort('http', container), { port: 8080 });
  assert.deepEqual(resolveContainerPort('9090', container), { port: 9090 });
  assert.deepEqual(resolveContainerPort('nope', container), { error: 'strconv.Atoi: parsing "nope": invalid syntax' });
  assert.deepEqual(resolveContainerPort(0, container), { error: 'invalid port number: 0' });
  assert.deepEqual(resolveContainerPort(70000, container), { error: 'invalid port number: 70000' });
  assert.deepEqual(resolveContainerPort('zero', container), { error: 'invalid port number: 0' });
});

test('Go spellings: durations, quoting, host:port, dial errors', () => {
  assert.equal(goDuration(1000), '1s');
  assert.equal(goDuration(300), '300ms');
  assert.equal(goDuration(60_000), '1m0s');
  assert.equal(goDuration(90_000), '1m30s');
  assert.equal(goDuration(3_600_000), '1h0m0s');
  assert.equal(goQuote('sh -c "echo hi"\n'), '"sh -c \\"echo hi\\"\\n"');
  assert.equal(joinHostPort('fd00::1', 80), '[fd00::1]:80');
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  assert.equal(dialErrorMessage(refused, '127.10.0.5', 8080), 'dial tcp 127.10.0.5:8080: connect: connection refused');
});
