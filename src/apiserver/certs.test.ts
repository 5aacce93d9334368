import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensurePki } from './certs.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function pkiDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'skiff-pki-'));
  dirs.push(d);
  return join(d, 'pki');
}

const files = (dir: string) => Object.fromEntries(['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'admin.crt', 'admin.key'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const sans = (pem: string) => new X509Certificate(pem).subjectAltName ?? '';

describe('ensurePki', () => {
  it('names loopback, localhost and the kubernetes Service IP, and reuses everything on the next start', async () => {
    const dir = pkiDir();
    const first = await ensurePki({ dir, extraIps: ['127.0.0.1', '10.96.0.1'] });
    const san = sans(first.server.certPem);
    for (const name of ['IP Address:127.0.0.1', 'DNS:localhost', 'IP Address:10.96.0.1', 'DNS:kubernetes.default.svc']) assert.ok(san.includes(name), `${name} in ${san}`);
    assert.ok(new X509Certificate(first.server.certPem).checkIssued(new X509Certificate(first.ca.certPem)));
    const before = files(dir);
    const second = await ensurePki({ dir, extraIps: ['127.0.0.1', '10.96.0.1'] });
    assert.deepEqual(files(dir), before, 'the same bytes on disk');
    assert.equal(second.server.certPem, first.server.certPem);
  });

  it('issues a new serving certificate from the same CA when a needed address is missing', async () => {
    const dir = pkiDir();
    await ensurePki({ dir, extraIps: ['10.96.0.1'] });
    const before = files(dir);
    const moved = await ensurePki({ dir, extraIps: ['10.100.0.1'] });
    const now = files(dir);
    assert.notEqual(now['apiserver.crt'], before['apiserver.crt']);
    for (const f of ['ca.crt', 'ca.key', 'admin.crt', 'admin.key']) assert.equal(now[f], before[f], `${f} kept`);
    assert.ok(sans(moved.server.certPem).includes('IP Address:10.100.0.1'));
    assert.ok(new X509Certificate(moved.server.certPem).checkIssued(new X509Certificate(moved.ca.certPem)));
    // Back to what the new certificate covers: kept.
    await ensurePki({ dir, extraIps: ['10.100.0.1'] });
    assert.equal(files(dir)['apiserver.crt'], now['apiserver.crt']);
  });
});
