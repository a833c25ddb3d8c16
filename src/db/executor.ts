import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/** Anything that runs queries: the database or an open transaction. Queries take it first so the caller owns the transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface SqlRunner {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Lets libraries that speak plain SQL (pg-boss) run inside our transaction. */
export function sqlRunner(exec: Executor): SqlRunner {
  return {
    executeSql: async (text, values) => {
      const res = await exec.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: res.rows as unknown[] };
    },
  };
}
