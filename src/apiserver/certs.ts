/**
 * The cluster's PKI: a CA, the API server's serving certificate and client certificates
 * (admin, nodes), generated on first start with @peculiar/x509 and kept in the data directory.
 */
import type * as X509 from '@peculiar/x509';
import { X509Certificate, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

let lib: typeof X509 | undefined;

/** @peculiar/x509 is only needed to issue certificates; load it (and its reflect polyfill) on first use. */
async function x509lib(): Promise<typeof X509> {
  if (!lib) {
    await import('reflect-metadata');
    lib = await import('@peculiar/x509');
    lib.cryptoProvider.set(webcrypto as unknown as Parameters<typeof lib.cryptoProvider.set>[0]);
  }
  return lib;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR = 365 * 24 * 3600 * 1000;

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface Pki {
  ca: KeyPair;
  server: KeyPair;
  admin: KeyPair;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

function serial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16));
  b[0] = b[0]! & 0x7f;
  return Buffer.from(b).toString('hex');
}

async function importKey(p: KeyPair): Promise<CryptoKey> {
  const der = Buffer.from(p.keyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']) as Promise<CryptoKey>;
}

async function generateCa(commonName: string): Promise<KeyPair> {
  const x509 = await x509lib();
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 10 * YEAR),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: pem('PRIVATE KEY', pkcs8) };
}

export interface LeafOptions {
  commonName: string;
  organizations?: string[];
  dnsNames?: string[];
  ips?: string[];
  server?: boolean;
  client?: boolean;
}

/** Issues a certificate signed by `ca`. */
export async function issue(ca: KeyPair, opts: LeafOptions): Promise<KeyPair> {
  const x509 = await x509lib();
  const caKey = await importKey(ca);
  const caCert = new x509.X509Certificate(ca.certPem);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const subject = [`CN=${opts.commonName}`, ...(opts.organizations ?? []).map((o) => `O=${o}`)].join(', ');
  const eku: string[] = [];
  if (opts.server) eku.push(x509.ExtendedKeyUsage.serverAuth);
  if (opts.client) eku.push(x509.ExtendedKeyUsage.clientAuth);
  const extensions: X509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension(eku, false),
    await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
  ];
  const names: X509.JsonGeneralName[] = [
    ...(opts.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(opts.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names, false));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 10 * YEAR),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: pem('PRIVATE KEY', pkcs8) };
}

/** The addresses of this machine, for the serving certificate's SANs. */
export function localAddresses(): string[] {
  const out = new Set<string>(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address.replace(/%.*$/, ''));
  return [...out];
}

/** Node prints IPv6 SANs fully expanded (`0:0:0:0:0:0:0:1`). */
function expandV6(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((p) => p.replace(/^0+(?=.)/, '').toUpperCase()).join(':');
}

function readPair(dir: string, name: string): KeyPair | undefined {
  const c = join(dir, `${name}.crt`);
  const k = join(dir, `${name}.key`);
  if (!existsSync(c) || !existsSync(k)) return undefined;
  return { certPem: readFileSync(c, 'utf8'), keyPem: readFileSync(k, 'utf8') };
}

function writePair(dir: string, name: string, p: KeyPair): void {
  writeFileSync(join(dir, `${name}.crt`), p.certPem, { mode: 0o644 });
  writeFileSync(join(dir, `${name}.key`), p.keyPem, { mode: 0o600 });
}

export interface PkiOptions {
  dir: string;
  /** Extra IPs for the serving certificate (the `kubernetes` service IP, bind address). */
  extraIps?: string[];
}

/** The names a certificate's subjectAltName covers (IPs as Node prints them, DNS names as written). */
function subjectAltNames(cert: X509Certificate): Set<string> {
  const san = cert.subjectAltName ?? '';
  return new Set(san.split(', ').filter(Boolean).map((e) => e.replace(/^IP Address:/, '').replace(/^DNS:/, '')));
}

/**
 * Whether a stored serving certificate can be kept: issued by the current CA and naming every
 * address and DNS name the server needs now (an address may have been added since, e.g. a new
 * --service-cidr moves the `kubernetes` Service IP).
 */
function servingCertCovers(server: KeyPair, ca: KeyPair, ips: string[], dnsNames: string[]): boolean {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(server.certPem);
  } catch {
    return false;
  }
  const caCert = new X509Certificate(ca.certPem);
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return false;
  const have = subjectAltNames(cert);
  return ips.every((ip) => have.has(ip) || have.has(expandV6(ip))) && dnsNames.every((n) => have.has(n));
}

/**
 * Loads the PKI from `dir`, generating whatever is missing. A serving certificate whose names no
 * longer cover what is needed is issued again from the same CA; everything else is reused as is.
 */
export async function ensurePki(opts: PkiOptions): Promise<Pki> {
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  let ca = readPair(opts.dir, 'ca');
  let fresh = false;
  if (!ca) {
    ca = await generateCa('skiff-ca');
    writePair(opts.dir, 'ca', ca);
    fresh = true;
  }
  const ips = [...new Set([...localAddresses(), ...(opts.extraIps ?? [])])];
  const dnsNames = [...new Set(['localhost', hostname(), 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'])];
  let server = fresh ? undefined : readPair(opts.dir, 'apiserver');
  if (server && !servingCertCovers(server, ca, ips, dnsNames)) server = undefined;
  const needAdmin = fresh || !readPair(opts.dir, 'admin');
  // Issue what is missing concurrently: certificate generation is most of a first start.
  const [newServer, newAdmin] = await Promise.all([
    server ? undefined : issue(ca, { commonName: 'kube-apiserver', dnsNames, ips, server: true }),
    needAdmin ? issue(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'], client: true }) : undefined,
  ]);
  if (newServer) writePair(opts.dir, 'apiserver', newServer);
  if (newAdmin) writePair(opts.dir, 'admin', newAdmin);
  server = newServer ?? server!;
  const admin = newAdmin ?? readPair(opts.dir, 'admin')!;
  return { ca, server, admin };
}
