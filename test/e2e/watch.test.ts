/**
 * Watch semantics over HTTPS against a real server, as client-go's reflector relies on them:
 * 410 Expired for a compacted resourceVersion, bookmarks, timeoutSeconds, label-selector watches
 * turning objects that leave or enter the selection into DELETED and ADDED, and reads at a
 * resourceVersion the server has not reached (504 Too large resource version).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { readKubeconfig } from '../../src/server/kubeconfig.js';
import { readWatchEvents } from '../helpers/apiwatch.js';
import { eventually, TestCluster } from '../helpers/cluster.js';

interface WatchEvent {
  type: string;
  object: { kind?: string; code?: number; reason?: string; message?: string; details?: unknown; metadata: { name?: string; resourceVersion?: string; annotations?: Record<string, string> } };
}

/** A raw watch stream: every event as it arrives, and when the server ended the response. */
class RawWatch {
  readonly events: WatchEvent[] = [];
  status = 0;
  endedAt?: number;
  readonly startedAt = Date.now();
  private ac = new AbortController();
  readonly done: Promise<void>;

  constructor(c: TestCluster, agent: Agent, path: string) {
    this.done = (async () => {
      const res = await request(`https://127.0.0.1:${c.port}${path}`, { dispatcher: agent, signal: this.ac.signal });
      this.status = res.statusCode;
      try {
        await readWatchEvents<WatchEvent>(res.body, (ev) => this.events.push(ev));
        this.endedAt = Date.now();
      } catch {
        // aborted by close()
      }
    })();
  }

  lines(): string[] {
    return this.events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`.trim());
  }

  async close(): Promise<void> {
    this.ac.abort();
    await this.done.catch(() => undefined);
  }
}

let c: TestCluster;
let compacting: TestCluster;
const agents: Agent[] = [];

function agentFor(cluster: TestCluster): Agent {
  const kc = readKubeconfig(cluster.kubeconfig);
  const a = new Agent({ connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
  agents.push(a);
  return a;
}

const CMS = '/api/v1/namespaces/default/configmaps';

async function create(cluster: TestCluster, name: string, labels: Record<string, string> = {}): Promise<string> {
  const r = await cluster.api('POST', CMS, JSON.stringify({ metadata: { name, labels } }));
  assert.equal(r.status, 201, r.body);
  return (JSON.parse(r.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

async function relabel(name: string, labels: Record<string, string | null>): Promise<string> {
  const r = await c.api('PATCH', `${CMS}/${name}`, JSON.stringify({ metadata: { labels } }), { 'content-type': 'application/merge-patch+json' });
  assert.equal(r.status, 200, r.body);
  return (JSON.parse(r.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

async function listRv(cluster: TestCluster): Promise<string> {
  return (JSON.parse((await cluster.api('GET', CMS)).body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

before(async () => {
  const args = ['--disable', 'scheduler,kubelet,proxy,dns,ingress'];
  [c, compacting] = await Promise.all([new TestCluster({ args }).start(), new TestCluster({ args: [...args, '--compaction-interval', '1s'] }).start()]);
});
after(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await Promise.all([c?.cleanup(), compacting?.cleanup()]);
});

describe('watch over HTTPS', () => {
  it('a compacted resourceVersion gives an ERROR event with 410 Expired "too old resource version"', async () => {
    const agent = agentFor(compacting);
    const old = await create(compacting, 'old');
    // Compaction every 1 s forgets what is older than the previous tick's revision.
    const expired = await eventually(async () => {
      await create(compacting, `later-${Date.now()}`);
      const w = new RawWatch(compacting, agent, `${CMS}?watch=true&resourceVersion=${old}&timeoutSeconds=2`);
      await w.done;
      return w.events[0]?.type === 'ERROR' ? w : undefined;
    }, 15_000, 'the revision to be compacted');
    assert.equal(expired.status, 200, 'the stream opens, then reports the error');
    assert.equal(expired.events.length, 1);
    const status = expired.events[0]!.object;
    assert.equal(status.kind, 'Status');
    assert.equal(status.code, 410);
    assert.equal(status.reason, 'Expired');
    const m = /^too old resource version: (\d+) \((\d+)\)$/.exec(status.message ?? '');
    assert.ok(m, status.message);
    assert.equal(m[1], old);
    assert.ok(Number(m[2]) > Number(old), 'names the oldest resourceVersion still watchable');
    // Watching from that oldest revision works.
    const from = new RawWatch(compacting, agent, `${CMS}?watch=true&resourceVersion=${m[2]}&timeoutSeconds=1`);
    await from.done;
    assert.ok(!from.events.some((e) => e.type === 'ERROR'), JSON.stringify(from.events));
  });

  it('allowWatchBookmarks yields BOOKMARK events; without it there are none', async () => {
    const agent = agentFor(c);
    await create(c, 'bm-1');
    const rv = await listRv(c);
    const w = new RawWatch(c, agent, `${CMS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`);
    const plain = new RawWatch(c, agent, `${CMS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=${rv}&timeoutSeconds=1`);
    await Promise.all([w.done, plain.done]);
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    assert.ok(bookmark, w.lines().join('\n'));
    assert.equal(bookmark.object.kind, 'ConfigMap');
    assert.equal(bookmark.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
    assert.ok(Number(bookmark.object.metadata.resourceVersion) >= Number(rv));
    assert.ok(w.lines().indexOf('ADDED bm-1') < w.events.indexOf(bookmark), 'the initial events come first');
    assert.ok(plain.lines().includes('ADDED bm-1'));
    assert.ok(!plain.events.some((e) => e.type === 'BOOKMARK'));
  });

  it('a watch with a timeout gets a bookmark 2 s before it ends, as the watch cache sends it', async () => {
    const agent = agentFor(c);
    const rv = await listRv(c);
    const w = new RawWatch(c, agent, `${CMS}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=3`);
    await w.done;
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    assert.ok(bookmark, `no bookmark before the timeout: ${w.lines().join('\n')}`);
    assert.ok(Number(bookmark.object.metadata.resourceVersion) >= Number(rv));
  });

  it('timeoutSeconds ends the stream', async () => {
    const w = new RawWatch(c, agentFor(c), `${CMS}?watch=true&resourceVersion=${await listRv(c)}&timeoutSeconds=1`);
    await w.done;
    assert.equal(w.status, 200);
    const took = w.endedAt! - w.startedAt;
    assert.ok(took >= 900 && took < 5_000, `ended after ${took} ms`);
  });

  it('an object leaving a label-selector watch is DELETED, entering it is ADDED', async () => {
    await create(c, 'mover', { tier: 'web' });
    await create(c, 'joiner', { tier: 'db' });
    const w = new RawWatch(c, agentFor(c), `${CMS}?watch=true&labelSelector=tier%3Dweb&resourceVersion=${await listRv(c)}`);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const leftAt = await relabel('mover', { tier: 'db' });
      await relabel('joiner', { tier: 'web' });
      await relabel('mover', { tier: 'web' });
      await relabel('joiner', { extra: 'yes' });
      assert.equal((await c.api('DELETE', `${CMS}/joiner`)).status, 200);
      const want = ['DELETED mover', 'ADDED joiner', 'ADDED mover', 'MODIFIED joiner', 'DELETED joiner'];
      await eventually(() => w.events.length >= want.length, 10_000, `events: ${w.lines().join(', ')}`);
      assert.deepEqual(w.lines(), want);
      // As the watch cache: DELETED carries the object as the watcher knew it, at the update's resourceVersion.
      const left = w.events[0]!.object as unknown as { metadata: { labels: Record<string, string>; resourceVersion: string } };
      assert.deepEqual(left.metadata.labels, { tier: 'web' });
      assert.equal(left.metadata.resourceVersion, leftAt);
    } finally {
      await w.close();
    }
  });

  it('reads not older than a resourceVersion the server has not reached wait 3 s, then 504 Too large resource version', async () => {
    const current = Number(await listRv(c));
    const future = current + 1_000_000;
    const t0 = Date.now();
    const watch = new RawWatch(c, agentFor(c), `${CMS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=${future}&allowWatchBookmarks=true`);
    const [list] = await Promise.all([c.api('GET', `${CMS}?resourceVersion=${future}&resourceVersionMatch=NotOlderThan`), watch.done]);
    assert.ok(Date.now() - t0 >= 2_900, 'waited for the revision');
    assert.equal(list.status, 504);
    const status = JSON.parse(list.body) as { reason: string; message: string; details: unknown };
    assert.equal(status.reason, 'Timeout');
    assert.match(status.message, new RegExp(`^Timeout: Too large resource version: ${future}, current: \\d+$`));
    assert.deepEqual(status.details, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    assert.equal(watch.status, 200);
    assert.deepEqual(watch.events.map((e) => [e.type, e.object.code]), [['ERROR', 504]]);
    // Exact is read from storage at that revision: etcd refuses a future one at once.
    const exact = await c.api('GET', `${CMS}?resourceVersion=${future}&resourceVersionMatch=Exact`);
    assert.equal(exact.status, 500);
    assert.match(exact.body, /required revision is a future revision/);
    const bad = await c.api('GET', `${CMS}?resourceVersionMatch=NotOlderThan`);
    assert.equal(bad.status, 422);
  });
});
