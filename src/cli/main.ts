/**
 * The `skiff` command line: `skiff server` (the all-in-one cluster), `skiff kubeconfig`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { killAllContainers } from '../kubelet/runtime/reset.js';
import { COMPONENTS } from '../server/components.js';
import { DEFAULTS, SkiffServer } from '../server/server.js';
import { parseGoDuration } from '../util/duration.js';
import { logger } from '../util/log.js';

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, got ${v}`);
  return n;
}

/** kube-controller-manager's --max-endpoints-per-slice: an integer in 1..1000, with upstream's messages. */
export function maxEndpointsPerSlice(v: string): number {
  const n = Number(v);
  if (!/^[+-]?\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new Error(`invalid argument "${v}" for "--max-endpoints-per-slice" flag: expected an integer`);
  if (n < 1) throw new Error(`max-endpoints-per-slice must not be less than 1, but got ${n}`);
  if (n > 1000) throw new Error(`max-endpoints-per-slice must not be more than 1000, but got ${n}`);
  return n;
}

function parseLabels(s: string | undefined): Record<string, string> | undefined {
  if (!s) return undefined;
  const out: Record<string, string> = {};
  for (const kv of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new Error(`--node-labels: expected key=value, got ${JSON.stringify(kv)}`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program.name('skiff').description('A Kubernetes-compatible micro-cluster: the real kubectl drives it.').showHelpAfterError();

  program
    .command('server')
    .description('run the all-in-one cluster (API server, controllers, scheduler, node agent, proxy, DNS, ingress)')
    .option('--data-dir <dir>', 'where state, certificates and the kubeconfig live', DEFAULTS.dataDir)
    .option('--api-port <port>', 'HTTPS port of the API server (0 picks a free port)', String(DEFAULTS.apiPort))
    .option('--bind-address <ip>', 'address the API server listens on', DEFAULTS.bindAddress)
    .addOption(new Option('--store <kind>', 'where objects are kept').choices(['sqlite', 'memory']).default(DEFAULTS.store))
    .option('--service-cidr <cidr>', 'range of Service cluster IPs', DEFAULTS.serviceCidr)
    .option('--service-node-port-range <range>', 'range of NodePorts', DEFAULTS.nodePortRange)
    .option('--node-name <name>', 'name of this machine\'s Node')
    .option('--token-auth-file <file>', 'static bearer tokens, CSV lines token,user,uid,"group1,group2"')
    .option('--node-labels <k=v,...>', 'extra labels of this machine\'s Node, e.g. topology.kubernetes.io/zone=a')
    .option('--pod-ip-range <cidr>', 'loopback range pods get their IPs from (process runtime)', '127.10.0.0/16')
    .option('--max-pods <n>', 'the most pods this machine\'s node runs', '110')
    .option('--node-monitor-grace-period <seconds>', 'heartbeats a node may miss before it is marked Unknown', '40')
    .option('--default-not-ready-toleration-seconds <s>', 'tolerationSeconds of every pod\'s default not-ready toleration', '300')
    .option('--default-unreachable-toleration-seconds <s>', 'tolerationSeconds of every pod\'s default unreachable toleration', '300')
    .option('--max-endpoints-per-slice <n>', 'the most endpoints the EndpointSlice controller puts in one slice (1-1000)', '100')
    .option('--compaction-interval <duration>', 'how often history older than the previous interval is forgotten, as kube-apiserver\'s --etcd-compaction-interval (0 never)', '5m')
    .option('--disable <component>', `turn a component off (repeatable; one of ${COMPONENTS.join(', ')})`, collect, [] as string[])
    .action(async (o: { dataDir: string; apiPort: string; bindAddress: string; store: 'sqlite' | 'memory'; serviceCidr: string; serviceNodePortRange: string; disable: string[]; nodeName?: string; tokenAuthFile?: string; nodeLabels?: string; podIpRange: string; maxPods: string; nodeMonitorGracePeriod: string; defaultNotReadyTolerationSeconds: string; defaultUnreachableTolerationSeconds: string; maxEndpointsPerSlice: string; compactionInterval: string }) => {
      const port = Number(o.apiPort);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--api-port must be a port number (0-65535), got ${o.apiPort}`);
      for (const d of o.disable) {
        if (!(COMPONENTS as readonly string[]).includes(d)) throw new Error(`--disable ${d}: unknown component; choose from ${COMPONENTS.join(', ')}`);
      }
      const perSlice = maxEndpointsPerSlice(o.maxEndpointsPerSlice);
      const server = new SkiffServer({
        dataDir: o.dataDir,
        apiPort: port,
        bindAddress: o.bindAddress,
        store: o.store,
        serviceCidr: o.serviceCidr,
        nodePortRange: o.serviceNodePortRange,
        disable: o.disable,
        nodeName: o.nodeName,
        tokenAuthFile: o.tokenAuthFile,
        nodeLabels: parseLabels(o.nodeLabels),
        podIpRange: o.podIpRange,
        maxPods: positive('--max-pods', o.maxPods),
        nodeMonitorGracePeriodMs: positive('--node-monitor-grace-period', o.nodeMonitorGracePeriod) * 1000,
        notReadyTolerationSeconds: positive('--default-not-ready-toleration-seconds', o.defaultNotReadyTolerationSeconds),
        unreachableTolerationSeconds: positive('--default-unreachable-toleration-seconds', o.defaultUnreachableTolerationSeconds),
        maxEndpointsPerSlice: perSlice,
        compactAfterMs: parseGoDuration(o.compactionInterval),
      });
      await server.start();
      const log = logger('server');
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'stopping');
        server.stop().then(
          () => process.exit(0),
          (err) => {
            log.error({ err }, 'stop failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });

  program
    .command('kubeconfig')
    .description('print the kubeconfig of a server\'s data directory')
    .option('--data-dir <dir>', 'the server\'s data directory', DEFAULTS.dataDir)
    .action((o: { dataDir: string }) => {
      const path = join(resolve(o.dataDir), 'kubeconfig');
      try {
        process.stdout.write(readFileSync(path, 'utf8'));
      } catch {
        throw new Error(`no kubeconfig at ${path}: start \`skiff server --data-dir ${o.dataDir}\` first`);
      }
    });

  program
    .command('reset')
    .description('stop every workload a data directory\'s node agent started (they outlive `skiff server` by design)')
    .option('--data-dir <dir>', 'the server\'s data directory', DEFAULTS.dataDir)
    .action((o: { dataDir: string }) => {
      const n = killAllContainers(join(resolve(o.dataDir), 'runtime'));
      process.stdout.write(`stopped ${n} running container${n === 1 ? '' : 's'}\n`);
    });

  await program.parseAsync(argv);
}
