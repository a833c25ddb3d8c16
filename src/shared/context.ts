import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Engine } from '../db/engine.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from './clock.js';
import type { BlobStore } from './blob-store.js';

/** What every use case may depend on; built once per process by main.ts (or by a test). */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  engine: Engine;
  jobs: Pick<JobQueue, 'send'>;
  clock: Clock;
  blobs: BlobStore;
}
