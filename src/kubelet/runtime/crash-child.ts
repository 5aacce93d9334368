/**
 * Test fixture (not a test): runs a ProcessRuntime in its own Node process so a test can
 * `kill -9` it, like a crashed skiff server, and re-adopt its containers from another runtime.
 * Usage: crash-child <root> <shimPath> <logDir>; prints the container ids as one JSON line.
 */
import { ProcessRuntime } from './process.js';

const [root, shimPath, logDir] = process.argv.slice(2);
const rt = new ProcessRuntime({ root, shimPath, pidNamespace: false });
await rt.init();
const sb = await rt.runPodSandbox({
  podUid: 'crash-uid',
  name: 'crash',
  namespace: 'default',
  hostname: 'crash',
  logDirectory: logDir,
  labels: {},
  annotations: {},
});
const base = { attempt: 0, image: 'busybox', env: [] as [string, string][], labels: {}, annotations: {} };
const sleeper = await rt.createContainer(sb.id, { ...base, name: 'sleeper', argv: ['sleep', '30'], logPath: `${logDir}/sleeper.log` });
const quick = await rt.createContainer(sb.id, {
  ...base,
  name: 'quick',
  argv: ['sh', '-c', 'sleep 0.5; echo bye; exit 3'],
  logPath: `${logDir}/quick.log`,
});
await rt.startContainer(sleeper);
await rt.startContainer(quick);
process.stdout.write(`${JSON.stringify({ sandbox: sb.id, ip: sb.ip, sleeper, quick })}\n`);
setInterval(() => undefined, 60_000);
