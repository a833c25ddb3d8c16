/**
 * Knowledge-base suggestion quality: recall@5 and MRR of the article ranking on the labelled requests in
 * data/knowledge/eval.jsonl (each names the right article's slug), on a fresh embedded database with the
 * default articles. Also prints a small sweep of the ranking weights, for tuning.
 * Run: npm run bench -- kb
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/db/engine.js';
import { migrateAll } from '../src/db/setup.js';
import { seedBase } from '../src/seed/base.js';
import { rankArticles, rankingWeights } from '../src/modules/knowledge/index.js';
import type { Executor } from '../src/db/executor.js';

interface Case {
  subject: string;
  description: string;
  catalogue?: string;
  slugs: string[];
  staff?: boolean;
}

interface Figures {
  n: number;
  recall1: number;
  recall5: number;
  mrr: number;
  misses: string[];
}

async function evaluate(db: Executor, cases: Case[], itemIds: Map<string, string>, opts: { useCatalogue: boolean; publicOnly: boolean }, weights = rankingWeights): Promise<Figures> {
  let hit1 = 0;
  let hit5 = 0;
  let rr = 0;
  const misses: string[] = [];
  const scoped = opts.publicOnly ? cases.filter((c) => !c.staff) : cases;
  for (const c of scoped) {
    const ranked = await rankArticles(
      db,
      { text: `${c.subject}\n${c.description}`, catalogueItemId: opts.useCatalogue && c.catalogue ? itemIds.get(c.catalogue) ?? null : null, limit: 10, publicOnly: opts.publicOnly },
      weights,
    );
    const pos = ranked.findIndex((r) => c.slugs.includes(r.slug));
    if (pos === 0) hit1++;
    if (pos >= 0 && pos < 5) hit5++;
    if (pos !== 0) misses.push(`${c.subject} → ${ranked.slice(0, 3).map((r) => r.slug).join(', ') || '(nothing)'}`);
    if (pos >= 0) rr += 1 / (pos + 1);
  }
  const n = scoped.length;
  return { n, recall1: hit1 / n, recall5: hit5 / n, mrr: rr / n, misses };
}

const fmt = (f: Figures) => `n=${f.n}  recall@1=${f.recall1.toFixed(3)}  recall@5=${f.recall5.toFixed(3)}  MRR=${f.mrr.toFixed(3)}`;

export async function run(): Promise<void> {
  const file = path.resolve('data', 'knowledge', 'eval.jsonl');
  const cases = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  const database = await openDatabase({ inMemory: true });
  try {
    await migrateAll(database);
    await seedBase(database.db);
    const db = database.db;
    const items = await db.selectFrom('catalogue_items').select(['id', 'code']).execute();
    const itemIds = new Map(items.map((i) => [i.code, i.id]));
    const articles = await db.selectFrom('kb_articles').select('slug').execute();
    const known = new Set(articles.map((a) => a.slug));
    const unknown = cases.flatMap((c) => c.slugs).filter((s) => !known.has(s));
    if (unknown.length > 0) throw new Error(`eval.jsonl names unknown articles: ${unknown.join(', ')}`);
    console.log(`knowledge base: ${articles.length} articles; eval set: ${cases.length} requests (${cases.filter((c) => c.catalogue).length} with a catalogue item)`);
    console.log(`weights: ${JSON.stringify(rankingWeights)}`);

    const t0 = performance.now();
    const agent = await evaluate(db, cases, itemIds, { useCatalogue: true, publicOnly: false });
    const perQuery = (performance.now() - t0) / cases.length;
    console.log(`agent view (text + catalogue item, internal articles included):  ${fmt(agent)}`);
    console.log(`agent view, text only:                                          ${fmt(await evaluate(db, cases, itemIds, { useCatalogue: false, publicOnly: false }))}`);
    console.log(`customer view (public articles; requests about internal ones left out): ${fmt(await evaluate(db, cases, itemIds, { useCatalogue: true, publicOnly: true }))}`);
    console.log(`mean ranking time per request: ${perQuery.toFixed(1)} ms (embedded PGlite)`);
    if (agent.misses.length > 0) console.log(`not first (agent view):\n  ${agent.misses.join('\n  ')}`);

    if (process.argv.includes('--sweep')) {
      console.log('\nweight sweep (agent view):');
      const variants: Array<Partial<typeof rankingWeights>> = [
        { idf: 1 },
        { idf: 1, item: 0.5, group: 0.15 },
        { a: 1.0, b: 0.5 },
        { b: 0.2 },
        { c: 0.4 },
        { item: 0, group: 0 },
        { item: 0.5, group: 0.15 },
      ];
      for (const v of variants) {
        const f = await evaluate(db, cases, itemIds, { useCatalogue: true, publicOnly: false }, { ...rankingWeights, ...v });
        console.log(`  ${JSON.stringify(v)}: ${fmt(f)}`);
      }
    }
  } finally {
    await database.close();
  }
}
