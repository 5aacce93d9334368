/**
 * One pod's status writer, as upstream's status manager keeps it per pod: statuses go out one at
 * a time in the order they were computed, each holding a permit from the node's shared pool
 * while it is sent. A status superseded before it was sent is dropped (only the latest matters)
 * unless `keep` says a watcher must see it (a container that terminated and was restarted at
 * once still shows Completed in between). While it waits for a permit, the writer is urgent when
 * `urgent` says so of its newest status: the pool serves urgent writers first.
 */
import type { Semaphore } from '../util/semaphore.js';

export class StatusQueue<T> {
  private readonly queue: T[] = [];
  /** Whether the newest queued status is urgent (judged when it is pushed: the pool asks often). */
  private newestUrgent = false;
  private readonly isUrgent = () => this.newestUrgent;
  private loop?: Promise<void>;

  constructor(
    private readonly send: (item: T) => Promise<void>,
    private readonly keep: (item: T) => boolean,
    private readonly permits?: Semaphore,
    private readonly urgent?: (item: T) => boolean,
  ) {}

  /** Queues a status; the writer starts unless it is already running. */
  push(item: T): void {
    this.queue.push(item);
    this.newestUrgent = this.urgent?.(item) ?? false;
    this.start();
  }

  /** Resolves once every status pushed so far has been sent (or its send failed). */
  async flush(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private start(): void {
    if (this.loop) return;
    this.loop = this.drain().finally(() => {
      this.loop = undefined;
      // Pushed after the loop saw the queue empty but before it was marked done: go again.
      if (this.queue.length) this.start();
    });
  }

  private async drain(): Promise<void> {
    if (!this.queue.length) return;
    await this.permits?.acquire(this.isUrgent);
    try {
      for (;;) {
        while (this.queue.length > 1 && !this.keep(this.queue[0]!)) this.queue.shift();
        await this.send(this.queue.shift()!);
        if (!this.queue.length) return;
        // More to send: the permit goes to whoever is next, this writer included.
        await this.permits?.requeue(this.isUrgent);
      }
    } finally {
      this.permits?.release();
    }
  }
}
