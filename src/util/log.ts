/**
 * The process logger (pino). Components take a child logger with their name.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

let root: Logger | undefined;

export function rootLogger(): Logger {
  if (!root) {
    root = pino({
      level: process.env.SKIFF_LOG_LEVEL ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    });
  }
  return root;
}

export function setRootLogger(l: Logger): void {
  root = l;
}

export function logger(component: string): Logger {
  return rootLogger().child({ component });
}
