import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/helpers/app.js';
import { defaultMacros } from './knowledge.js';
import { seedMissingDefaults } from './missing.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('an install is brought up to the shipped defaults without touching what exists, and a second run adds nothing', async () => {
  const db = t.ctx.db;
  expect(await seedMissingDefaults(db)).toEqual({ catalogueItems: 0, forms: 0, articles: 0, macros: 0 });

  // An install from before these defaults: two services, one service's form, an article and a macro missing,
  // and an administrator's own edit that must survive.
  const gone = ['platform.console.question', 'billing.documents'];
  const ids = (await db.selectFrom('catalogue_items').select('id').where('code', 'in', gone).execute()).map((r) => r.id);
  await db.deleteFrom('kb_article_items').where('catalogue_item_id', 'in', ids).execute();
  await db.deleteFrom('catalogue_items').where('id', 'in', ids).execute();
  const resize = await db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.resize').executeTakeFirstOrThrow();
  await db.updateTable('catalogue_items').set({ form_id: null, name_en: 'Resize a VM (our wording)' }).where('id', '=', resize.id).execute();
  await db.deleteFrom('catalogue_forms').where('catalogue_item_id', '=', resize.id).execute();
  const article = await db.selectFrom('kb_articles').select(['id', 'slug']).orderBy('slug').limit(1).executeTakeFirstOrThrow();
  await db.deleteFrom('kb_articles').where('id', '=', article.id).execute();
  const macro = defaultMacros[0]?.name as string;
  await db.deleteFrom('macros').where('name', '=', macro).execute();

  // Forms: the resize service's, and the default forms of the two services that came back.
  expect(await seedMissingDefaults(db)).toEqual({ catalogueItems: 2, forms: 3, articles: 1, macros: 1 });
  const back = await db.selectFrom('catalogue_items as c').innerJoin('catalogue_items as p', 'p.id', 'c.parent_id').select(['c.code', 'p.code as parent']).where('c.code', 'in', gone).orderBy('c.code').execute();
  expect(back).toEqual([
    { code: 'billing.documents', parent: 'billing.charges' },
    { code: 'platform.console.question', parent: 'platform.console' },
  ]);
  const resized = await db.selectFrom('catalogue_items').select(['form_id', 'name_en']).where('id', '=', resize.id).executeTakeFirstOrThrow();
  expect(resized.name_en).toBe('Resize a VM (our wording)');
  expect(resized.form_id).not.toBeNull();
  expect(await db.selectFrom('kb_articles').select('id').where('slug', '=', article.slug).executeTakeFirst()).toBeDefined();
  expect(await db.selectFrom('macros').select('id').where('name', '=', macro).execute()).toHaveLength(1);
  expect(await seedMissingDefaults(db)).toEqual({ catalogueItems: 0, forms: 0, articles: 0, macros: 0 });
});
