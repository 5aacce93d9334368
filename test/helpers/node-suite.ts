/**
 * The shared set-up of the node agent's e2e files: one real server per file (started before its
 * tests, cleaned up after), and the small helpers they use — `kubectl get -w` watches stopped at
 * the end, a directory the containers can see, and `kubectl apply` of inline YAML.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type ClusterOptions, eventually, TestCluster } from './cluster.js';
import { KubectlWatch } from './watch.js';

export interface NodeSuite {
  /** `kubectl get <args> -w`, stopped when the file's tests end. */
  watch(...args: string[]): KubectlWatch;
  /** A directory for one test's files, visible to its containers (the process runtime shares the host's filesystem). */
  dir(name: string): string;
  /** `kubectl apply -f` of a manifest written to the cluster's directory. */
  apply(name: string, yaml: string): void;
  /** `kubectl get pod <pod> -o jsonpath={<path>}`. */
  jsonpath(pod: string, path: string): string;
}

/**
 * Registers the file's before/after hooks: a cluster (without proxy, DNS and ingress unless
 * `opts.args` says otherwise) with a Ready node; `started` receives it.
 */
export function nodeSuite(started: (c: TestCluster) => void, opts: ClusterOptions = {}): NodeSuite {
  let c: TestCluster | undefined;
  const watches: KubectlWatch[] = [];
  before(async () => {
    c = await new TestCluster({ ...opts, args: opts.args ?? ['--disable', 'proxy,dns,ingress'] }).start();
    started(c);
    await eventually(() => /\sReady\s/.test(c!.kubectl(['get', 'nodes']).stdout), 20_000, 'a Ready node');
  });
  after(async () => {
    for (const w of watches) w.stop();
    await c?.cleanup();
  });
  return {
    watch(...args) {
      const w = new KubectlWatch(c!, args);
      watches.push(w);
      return w;
    },
    dir(name) {
      const d = join(c!.dir, 'work', name);
      mkdirSync(d, { recursive: true });
      return d;
    },
    apply(name, yaml) {
      const path = join(c!.dir, `${name}.yaml`);
      writeFileSync(path, yaml);
      c!.k(['apply', '-f', path]);
    },
    jsonpath: (pod, path) => c!.k(['get', 'pod', pod, '-o', `jsonpath={${path}}`]),
  };
}
