import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { Container } from '../../api/types.js';
import { TcpRunner } from './tcp.js';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

test('tcp probe: an open port succeeds, by number and by name', async (t) => {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => accepted.push(s));
  const port = await listen(server);
  t.after(async () => {
    for (const s of accepted) s.destroy();
    await close(server);
  });
  const container: Container = { name: 'db', ports: [{ name: 'sql', containerPort: port }] };
  const target = { containerId: 'c', podIP: '127.0.0.1' };
  assert.deepEqual(await new TcpRunner({ port }, container).run(target, 1000), { result: 'success', output: '' });
  assert.deepEqual(await new TcpRunner({ port: 'sql' }, container).run(target, 1000), { result: 'success', output: '' });
  // An explicit host wins over the pod IP.
  const explicit = new TcpRunner({ host: '127.0.0.1', port }, container);
  assert.equal(explicit.needsPodIP, false);
  assert.deepEqual(await explicit.run({ containerId: 'c', podIP: undefined }, 1000), { result: 'success', output: '' });
});

test('tcp probe: a closed port fails with Go\'s dial error', async () => {
  const server = net.createServer();
  const port = await listen(server);
  await close(server);
  const o = await new TcpRunner({ port }, { name: 'db' }).run({ containerId: 'c', podIP: '127.0.0.1' }, 1000);
  assert.deepEqual(o, { result: 'failure', output: `dial tcp 127.0.0.1:${port}: connect: connection refused` });
});

test('tcp probe: an unknown port name is an error', async () => {
  const o = await new TcpRunner({ port: 'sql' }, { name: 'db' }).run({ containerId: 'c', podIP: '127.0.0.1' }, 1000);
  assert.deepEqual(o, { result: 'unknown', output: '', error: 'strconv.Atoi: parsing "sql": invalid syntax' });
});
