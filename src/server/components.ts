/**
 * The in-process components `skiff server` runs besides the API, each an API client that can be
 * switched off with `--disable <name>`.
 */
import type { ApiServer } from '../apiserver/apiserver.js';
import type { Client } from '../client/client.js';
import type { InformerFactory } from '../client/informer.js';
import { startControllers } from '../controllers/manager.js';

export interface Component {
  name: string;
  stop(): Promise<void> | void;
}

export interface ComponentContext {
  client: Client;
  informers: InformerFactory;
  api: ApiServer;
  disable: Set<string>;
  dataDir: string;
  nodeName?: string;
}

export const COMPONENTS = ['controllers', 'scheduler', 'kubelet', 'proxy', 'dns', 'ingress'] as const;

export async function startComponents(ctx: ComponentContext): Promise<Component[]> {
  const out: Component[] = [];
  if (!ctx.disable.has('controllers')) out.push(await startControllers(ctx));
  ctx.informers.start();
  return out;
}
