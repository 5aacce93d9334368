/**
 * A raw API watch for tests that must check an invariant on every event (rolling-update
 * bounds, endpoints following readiness): a local cache of the watched objects and a callback
 * per event.
 */
import { Agent, request } from 'undici';
import { readKubeconfig } from '../../src/server/kubeconfig.js';
import type { TestCluster } from './cluster.js';

export interface WatchedObject {
  metadata: { name: string; namespace?: string; resourceVersion?: string; deletionTimestamp?: string; labels?: Record<string, string> };
  [k: string]: unknown;
}

/** Calls `onLine` for each non-empty line of a streamed body until it ends or `onLine` returns true. */
export async function readLines(body: AsyncIterable<unknown>, onLine: (line: string) => boolean | void): Promise<void> {
  let buf = '';
  for await (const chunk of body) {
    buf += (chunk as Buffer).toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line && onLine(line) === true) return;
    }
  }
}

/** Reads a newline-delimited watch stream, calling `onEvent` with each parsed event; resolves when the server ends it. */
export async function readWatchEvents<E>(body: AsyncIterable<unknown>, onEvent: (ev: E) => void): Promise<void> {
  await readLines(body, (line) => onEvent(JSON.parse(line) as E));
}

export class ApiWatch<T extends WatchedObject = WatchedObject> {
  readonly objects = new Map<string, T>();
  private ac = new AbortController();
  private agent: Agent;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private c: TestCluster,
    private path: string,
    private onEvent: (type: string, obj: T, all: Map<string, T>) => void = () => {},
  ) {
    const kc = readKubeconfig(c.kubeconfig);
    this.agent = new Agent({ connect: { ca: kc.ca, cert: kc.cert, key: kc.key } });
  }

  /** Lists, then watches from the list's resourceVersion. */
  async start(): Promise<this> {
    const list = JSON.parse((await this.c.api('GET', this.path)).body) as { metadata: { resourceVersion: string }; items: T[] };
    for (const o of list.items) this.objects.set(o.metadata.name, o);
    const sep = this.path.includes('?') ? '&' : '?';
    const res = await request(`https://127.0.0.1:${this.c.port}${this.path}${sep}watch=true&resourceVersion=${list.metadata.resourceVersion}`, {
      dispatcher: this.agent,
      signal: this.ac.signal,
    });
    this.done = (async () => {
      try {
        await readWatchEvents<{ type: string; object: T }>(res.body, (ev) => {
          if (ev.type === 'DELETED') this.objects.delete(ev.object.metadata.name);
          else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.objects.set(ev.object.metadata.name, ev.object);
          this.onEvent(ev.type, ev.object, this.objects);
        });
      } catch {
        // aborted
      }
    })();
    return this;
  }

  async stop(): Promise<void> {
    this.ac.abort();
    await this.done;
    await this.agent.close();
  }
}

export interface PodLike extends WatchedObject {
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

export const isReady = (p: PodLike): boolean => !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
