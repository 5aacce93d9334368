/**
 * Watches the runtime's `exits/` directory, where shims drop one empty file per container exit,
 * and ticks a periodic relist as the fallback for missed filesystem events (and for noticing
 * shims that died without recording anything).
 */
import { type FSWatcher, watch } from 'node:fs';

/** fs.watch on the exits directory plus an unref'd interval timer. */
export class ExitWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly intervalMs: number,
    private readonly onNotice: (id: string) => void,
    private readonly onTick: () => void,
  ) {}

  /** Starts watching; a failing fs.watch only leaves the periodic relist. */
  start(): void {
    try {
      this.watcher = watch(this.dir, (_event, filename) => {
        if (filename && !filename.startsWith('.')) this.onNotice(filename.toString());
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
      this.watcher.unref();
    } catch {
      this.watcher = undefined;
    }
    this.timer = setInterval(this.onTick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
