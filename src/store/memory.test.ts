import { MemoryStore } from './memory.js';
import { runStoreSuite } from './store.suite.js';

runStoreSuite('memory', { make: () => new MemoryStore() });
