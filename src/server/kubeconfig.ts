/**
 * Writing and reading the kubeconfig `skiff server` leaves in its data directory.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { stringify, parse } from 'yaml';
import type { KeyPair } from '../apiserver/certs.js';

export interface KubeconfigInput {
  server: string;
  ca: string;
  user: KeyPair;
  userName?: string;
  clusterName?: string;
}

export function renderKubeconfig(k: KubeconfigInput): string {
  const cluster = k.clusterName ?? 'skiff';
  const user = k.userName ?? 'skiff-admin';
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: k.server, 'certificate-authority-data': b64(k.ca) } }],
    users: [{ name: user, user: { 'client-certificate-data': b64(k.user.certPem), 'client-key-data': b64(k.user.keyPem) } }],
    contexts: [{ name: cluster, context: { cluster, user } }],
    'current-context': cluster,
    preferences: {},
  });
}

/** Writes atomically, so a reader never sees half a file. */
export function writeKubeconfig(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, path);
}

export interface ParsedKubeconfig {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

/** Reads the current context's server, CA and client certificate (data fields only). */
export function readKubeconfig(path: string): ParsedKubeconfig {
  const doc = parse(readFileSync(path, 'utf8')) as {
    'current-context': string;
    contexts: { name: string; context: { cluster: string; user: string } }[];
    clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { name: string; user: { 'client-certificate-data': string; 'client-key-data': string } }[];
  };
  const ctx = doc.contexts.find((c) => c.name === doc['current-context'])?.context;
  const cluster = doc.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
  const user = doc.users.find((u) => u.name === ctx?.user)?.user;
  if (!cluster || !user) throw new Error(`${path}: the current context has no cluster or user`);
  const unb64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  return {
    server: cluster.server,
    ca: unb64(cluster['certificate-authority-data']),
    cert: unb64(user['client-certificate-data']),
    key: unb64(user['client-key-data']),
  };
}
