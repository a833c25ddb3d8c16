import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { FixedClock } from '../../shared/clock.js';

const clock = new FixedClock(new Date('2025-03-03T10:00:00Z'));
let t: TestApp;
let customer: TestUser;
let otherCustomer: TestUser;
let agent: TestUser;
let l2agent: TestUser;
let admin: TestUser;
let vendor: TestUser;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, token: string | null, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api${url}`, headers: token ? as(token, headers) : headers, ...(payload ? { payload } : {}) });

interface Article {
  id: string;
  slug: string;
  version: number;
  titleEn: string | null;
  titleRu: string | null;
  bodyEn: string | null;
  status: string;
  visibility: string;
  catalogueItems: Array<{ code: string }>;
  feedback?: { helpful: number; notHelpful: number };
  myFeedback: { helpful: boolean } | null;
  keywords?: string;
}
const itemId = async (code: string) => (await t.ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const slugs = (res: { items: Array<{ slug: string }> }) => res.items.map((i) => i.slug);

beforeAll(async () => {
  t = await testApp({ clock });
  customer = await t.f.customer((await t.f.org()).id);
  otherCustomer = await t.f.customer((await t.f.org()).id, { locale: 'ru' });
  agent = await t.f.staff();
  l2agent = await t.f.staff({ lines: ['L2'], teams: [] });
  admin = await t.f.staff({ role: 'admin', lines: [], teams: [] });
  vendor = await t.f.vendor();
});
afterAll(() => t.close());

describe('articles: write, version, restore', () => {
  it('ships default articles in both languages, linked to the catalogue', async () => {
    const list = json<{ items: Array<{ slug: string; titleEn: string; titleRu: string }> }>(await call('GET', '/knowledge/articles?limit=200', agent.token));
    expect(list.items.length).toBeGreaterThanOrEqual(20);
    expect(list.items.every((a) => a.titleEn && a.titleRu)).toBe(true);
    const a = json<Article>(await call('GET', '/knowledge/articles/s3-access-denied', agent.token));
    expect(a.catalogueItems.map((c) => c.code)).toEqual(['storage.s3.access']);
  });

  it('agents create and edit; each edit is a version with author; restore brings an old version back', async () => {
    const s3 = await itemId('storage.s3.access');
    const res = await call('POST', '/knowledge/articles', l2agent.token, {
      slug: 'bucket-versioning',
      kind: 'how_to',
      visibility: 'public',
      titleEn: 'How to enable bucket versioning',
      bodyEn: 'Enable versioning to keep old copies of objects.',
      catalogueItemIds: [s3],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Article>(res)).toMatchObject({ slug: 'bucket-versioning', version: 1, titleRu: null, status: 'published' });

    // a stale version is a 409; a fresh one writes version 2
    expectError(await call('PATCH', '/knowledge/articles/bucket-versioning', agent.token, { titleRu: 'Как включить версионирование бакета', bodyRu: 'Включите версионирование.' }, { 'if-match': '"7"' }), 409, 'VERSION_CONFLICT');
    const v2 = json<Article>(await call('PATCH', '/knowledge/articles/bucket-versioning', agent.token, { titleRu: 'Как включить версионирование бакета', bodyRu: 'Включите версионирование, чтобы хранить старые копии объектов.', note: 'Russian text' }, { 'if-match': '"1"' }));
    expect(v2).toMatchObject({ version: 2, titleRu: 'Как включить версионирование бакета' });
    const v3 = json<Article>(await call('PATCH', '/knowledge/articles/bucket-versioning', agent.token, { titleEn: 'Bucket versioning', version: 2 }));
    expect(v3.version).toBe(3);

    const history = json<{ current: number; items: Array<{ version: number; author: { id: string } | null; note: string | null; titleEn: string }> }>(
      await call('GET', '/knowledge/articles/bucket-versioning/versions', agent.token),
    );
    expect(history.current).toBe(3);
    expect(history.items.map((v) => [v.version, v.author?.id, v.titleEn])).toEqual([
      [3, agent.id, 'Bucket versioning'],
      [2, agent.id, 'How to enable bucket versioning'],
      [1, l2agent.id, 'How to enable bucket versioning'],
    ]);
    expect(history.items[1]?.note).toBe('Russian text');
    const one = json<{ state: { titleRu: string | null } }>(await call('GET', '/knowledge/articles/bucket-versioning/versions/1', agent.token));
    expect(one.state.titleRu).toBeNull();
    expectError(await call('GET', '/knowledge/articles/bucket-versioning/versions/99', agent.token), 404);

    const restored = json<Article>(await call('POST', '/knowledge/articles/bucket-versioning/versions/1/restore', agent.token));
    expect(restored).toMatchObject({ version: 4, titleEn: 'How to enable bucket versioning', titleRu: null });
    expect(restored.catalogueItems.map((c) => c.code)).toEqual(['storage.s3.access']);
    const after = json<{ items: Array<{ version: number; note: string | null }> }>(await call('GET', '/knowledge/articles/bucket-versioning/versions', agent.token));
    expect(after.items[0]).toMatchObject({ version: 4, note: 'restored version 1' });
    expectError(await call('POST', '/knowledge/articles/bucket-versioning/versions/99/restore', agent.token), 404);
  });

  it('bad input is a 400 naming the field, and nothing is saved', async () => {
    const bad = async (payload: Record<string, unknown>, field: string) => {
      const res = await call('POST', '/knowledge/articles', agent.token, { slug: 'x-article', kind: 'how_to', visibility: 'public', ...payload });
      expectError(res, 400);
      expect(JSON.stringify(json(res))).toContain(field);
    };
    await bad({ titleEn: 'Only a title' }, 'body.bodyEn');
    await bad({}, 'body.titleEn');
    await bad({ slug: 'Bad Slug!', titleEn: 'x', bodyEn: 'y' }, 'slug');
    await bad({ titleEn: 'x', bodyEn: 'y', symptomsEn: 'z' }, 'body.symptomsEn');
    await bad({ titleEn: 'x', bodyEn: 'y', catalogueItemIds: ['00000000-0000-4000-8000-000000000000'] }, 'body.catalogueItemIds');
    await bad({ slug: 'disk-extend', titleEn: 'x', bodyEn: 'y' }, 'body.slug');
    await bad({ kind: 'faq', titleEn: 'x', bodyEn: 'y' }, 'kind');
    expectError(await call('GET', '/knowledge/articles/x-article', agent.token), 404);
    // removing the only language is refused
    expectError(await call('PATCH', '/knowledge/articles/disk-extend', agent.token, { titleEn: null, bodyEn: null, titleRu: null, bodyRu: null }), 400);
    expectError(await call('PATCH', '/knowledge/articles/disk-extend', agent.token, {}), 400);
    expectError(await call('PATCH', '/knowledge/articles/disk-extend', agent.token, { titleEn: 'x' }, { 'if-match': 'yesterday' }), 400);
  });

  it('known errors carry symptoms, workaround and status', async () => {
    const res = await call('POST', '/knowledge/articles', agent.token, {
      slug: 'known-error-s3-listing-slow',
      kind: 'known_error',
      visibility: 'internal',
      titleEn: 'Known error: slow listing of large buckets',
      bodyEn: 'Listing buckets with millions of objects is slow.',
      symptomsEn: 'ListObjects takes seconds',
      workaroundEn: 'Use prefixes',
      errorStatus: 'investigating',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = json<Article & { symptomsEn: string; errorStatus: string }>(res);
    expect(a).toMatchObject({ symptomsEn: 'ListObjects takes seconds', errorStatus: 'investigating' });
  });

  it('only administrators archive and delete', async () => {
    await call('POST', '/knowledge/articles', agent.token, { slug: 'temp-article', kind: 'how_to', visibility: 'public', titleEn: 'Temporary', bodyEn: 'Temporary text' });
    expectError(await call('PATCH', '/knowledge/articles/temp-article', agent.token, { status: 'archived' }), 403);
    expect((await call('PATCH', '/knowledge/articles/temp-article', admin.token, { status: 'archived' })).statusCode).toBe(200);
    expect(slugs(json(await call('GET', '/knowledge/articles?limit=200', agent.token)))).not.toContain('temp-article');
    expect(slugs(json(await call('GET', '/knowledge/articles?status=archived', agent.token)))).toContain('temp-article');
    expectError(await call('GET', '/knowledge/articles/temp-article', customer.token), 404);
    expectError(await call('DELETE', '/knowledge/articles/temp-article', agent.token), 403);
    expectError(await call('DELETE', '/knowledge/articles/temp-article', null), 401);
    expect((await call('DELETE', '/knowledge/articles/temp-article', admin.token)).statusCode).toBe(204);
    expectError(await call('DELETE', '/knowledge/articles/temp-article', admin.token), 404);
  });
});

describe('search and visibility', () => {
  it('finds articles by Russian and English word forms', async () => {
    // "дисков" → "диск"; "extending disks" → "extend", "disk"
    expect(slugs(json(await call('GET', `/knowledge/articles?q=${encodeURIComponent('увеличить дисков')}`, customer.token)))).toContain('disk-extend');
    expect(slugs(json(await call('GET', `/knowledge/articles?q=${encodeURIComponent('extending disks')}`, customer.token)))).toContain('disk-extend');
    expect(slugs(json(await call('GET', `/knowledge/articles?q=${encodeURIComponent('балансировщики')}`, customer.token)))[0]).toBe('load-balancer-502');
    expect(slugs(json(await call('GET', `/knowledge/articles?q=${encodeURIComponent('квоты')}`, customer.token)))).toContain('quota-increase');
  });

  it('customers, vendors and anonymous readers never see internal or draft articles', async () => {
    await call('POST', '/knowledge/articles', agent.token, { slug: 'draft-article', kind: 'how_to', visibility: 'public', status: 'draft', titleEn: 'Draft about disks', bodyEn: 'Draft disk text' });
    for (const who of [customer.token, otherCustomer.token, vendor.token, null]) {
      const list = slugs(json(await call('GET', '/knowledge/articles?limit=200', who)));
      expect(list).toContain('disk-extend');
      expect(list).not.toContain('vm-slow-cpu-steal');
      expect(list).not.toContain('known-error-db-replica-lag');
      expect(list).not.toContain('draft-article');
      expect(slugs(json(await call('GET', `/knowledge/articles?q=${encodeURIComponent('steal')}`, who)))).not.toContain('vm-slow-cpu-steal');
      expectError(await call('GET', '/knowledge/articles/vm-slow-cpu-steal', who), 404);
      expectError(await call('GET', '/knowledge/articles/draft-article', who), 404);
      const pub = json<Article>(await call('GET', '/knowledge/articles/disk-extend', who));
      expect(pub.feedback).toBeUndefined();
      expect(pub.keywords).toBeUndefined();
    }
    expect(slugs(json(await call('GET', '/knowledge/articles?limit=200&visibility=internal', agent.token)))).toContain('vm-slow-cpu-steal');
    expect(json<Article>(await call('GET', '/knowledge/articles/vm-slow-cpu-steal', agent.token)).visibility).toBe('internal');
  });

  it('only staff write, see history and feedback', async () => {
    const body = { slug: 'cust-article', kind: 'how_to', visibility: 'public', titleEn: 'x', bodyEn: 'y' };
    expectError(await call('POST', '/knowledge/articles', null, body), 401);
    for (const who of [customer, vendor]) {
      expectError(await call('POST', '/knowledge/articles', who.token, body), 403);
      expectError(await call('PATCH', '/knowledge/articles/disk-extend', who.token, { titleEn: 'x' }), 403);
      expectError(await call('GET', '/knowledge/articles/disk-extend/versions', who.token), 403);
      expectError(await call('GET', '/knowledge/articles/disk-extend/versions/1', who.token), 403);
      expectError(await call('POST', '/knowledge/articles/disk-extend/versions/1/restore', who.token), 403);
      expectError(await call('GET', '/knowledge/articles/disk-extend/feedback', who.token), 403);
      expectError(await call('GET', '/knowledge/deflection', who.token), 403);
    }
    expectError(await call('PATCH', '/knowledge/articles/disk-extend', null, { titleEn: 'x' }), 401);
    expectError(await call('GET', '/knowledge/articles/disk-extend/versions', null), 401);
    expectError(await call('GET', '/knowledge/articles/disk-extend/feedback', null), 401);
    expectError(await call('PUT', '/knowledge/articles/disk-extend/feedback', null, { helpful: true }), 401);
    expectError(await call('GET', '/knowledge/deflection', agent.token), 403);
  });
});

describe('feedback', () => {
  it('one answer per user per article; counts shown to staff', async () => {
    expect(json(await call('PUT', '/knowledge/articles/disk-extend/feedback', customer.token, { helpful: false, comment: 'did not work for xfs' }))).toMatchObject({ helpful: false });
    await call('PUT', '/knowledge/articles/disk-extend/feedback', customer.token, { helpful: true });
    await call('PUT', '/knowledge/articles/disk-extend/feedback', otherCustomer.token, { helpful: false, comment: 'Не помогло' });
    await call('PUT', '/knowledge/articles/disk-extend/feedback', vendor.token, { helpful: true });
    const staffView = json<Article>(await call('GET', '/knowledge/articles/disk-extend', agent.token));
    expect(staffView.feedback).toEqual({ helpful: 2, notHelpful: 1 });
    expect(json<Article>(await call('GET', '/knowledge/articles/disk-extend', customer.token)).myFeedback).toMatchObject({ helpful: true });
    const fb = json<{ helpful: number; notHelpful: number; comments: Array<{ comment: string }> }>(await call('GET', '/knowledge/articles/disk-extend/feedback', agent.token));
    expect(fb).toMatchObject({ helpful: 2, notHelpful: 1 });
    expect(fb.comments.map((c) => c.comment)).toEqual(['Не помогло']);
    expectError(await call('PUT', '/knowledge/articles/vm-slow-cpu-steal/feedback', customer.token, { helpful: true }), 404);
    expectError(await call('PUT', '/knowledge/articles/disk-extend/feedback', customer.token, { helpful: 'yes' }), 400);
  });
});

describe('suggestions and deflection', () => {
  it('ranks articles for a request being typed, public ones only for customers', async () => {
    const res = json<{ sessionId: string; items: Array<{ slug: string; title: string; language: string }> }>(
      await call('POST', '/knowledge/suggest', customer.token, { subject: 'не могу зайти по ssh', description: 'Connection timed out на порт 22, ключ правильный' }),
    );
    expect(res.items[0]?.slug).toBe('vm-ssh-connection-refused');
    expect(res.items[0]?.language).toBe('ru');
    expect(res.sessionId).toBeTruthy();
    const en = json<{ items: Array<{ slug: string; language: string }> }>(await call('POST', '/knowledge/suggest', vendor.token, { subject: 'kubectl says Unauthorized', description: 'You must be logged in to the server' }));
    expect(en.items[0]).toMatchObject({ slug: 'k8s-kubectl-unauthorized', language: 'en' });
    const internal = json<{ items: Array<{ slug: string }> }>(await call('POST', '/knowledge/suggest', customer.token, { subject: 'steal time high on hypervisor', description: 'live migration' }));
    expect(slugs(internal)).not.toContain('vm-slow-cpu-steal');
    const staff = json<{ items: Array<{ slug: string }> }>(await call('POST', '/knowledge/suggest', agent.token, { subject: 'steal time high on hypervisor', description: 'live migration' }));
    expect(slugs(staff)).toContain('vm-slow-cpu-steal');
    expectError(await call('POST', '/knowledge/suggest', null, { subject: 'x' }), 401);
    expectError(await call('POST', '/knowledge/suggest', customer.token, { subject: 'x', limit: 500 }), 400);
    expect(json<{ items: unknown[] }>(await call('POST', '/knowledge/suggest', customer.token, { subject: '', description: '' })).items).toEqual([]);
  });

  it('counts a draft as deflected when the customer read a suggestion and filed nothing', async () => {
    const c1 = await t.f.customer((await t.f.org()).id);
    const c2 = await t.f.customer((await t.f.org()).id);
    const s1 = json<{ sessionId: string }>(await call('POST', '/knowledge/suggest', c1.token, { subject: 'disk is full', description: 'how to extend the disk' })).sessionId;
    const s2 = json<{ sessionId: string }>(await call('POST', '/knowledge/suggest', c2.token, { subject: 'disk is full', description: 'how to extend the disk' })).sessionId;
    // the same session continues while the customer types
    expect(json<{ sessionId: string }>(await call('POST', '/knowledge/suggest', c1.token, { subject: 'disk is full', description: 'how to extend the disk xfs', sessionId: s1 })).sessionId).toBe(s1);
    expect((await call('POST', `/knowledge/suggest/sessions/${s1}/views`, c1.token, { slug: 'disk-extend' })).statusCode).toBe(204);
    expect((await call('POST', `/knowledge/suggest/sessions/${s1}/views`, c1.token, { slug: 'disk-extend' })).statusCode).toBe(204);
    expect((await call('POST', `/knowledge/suggest/sessions/${s2}/views`, c2.token, { slug: 'disk-extend' })).statusCode).toBe(204);
    // another customer's session is not found; internal articles cannot be "viewed"
    expectError(await call('POST', `/knowledge/suggest/sessions/${s1}/views`, c2.token, { slug: 'disk-extend' }), 404);
    expectError(await call('POST', `/knowledge/suggest/sessions/${s1}/views`, c1.token, { slug: 'vm-slow-cpu-steal' }), 404);
    expectError(await call('POST', `/knowledge/suggest/sessions/${s1}/views`, null, { slug: 'disk-extend' }), 401);
    expectError(await call('POST', '/knowledge/suggest', c2.token, { subject: 'x', sessionId: s1 }), 404);
    // c2 files a request anyway: that session is submitted, not deflected
    await t.f.ticket(c2, { subject: 'disk is full', description: 'extending did not help' });
    clock.advance(2 * 3_600_000);
    const report = json<{ sessionsWithViews: number; submitted: number; deflected: number; deflectionRate: number; articles: Array<{ slug: string; views: number; deflected: number }> }>(
      await call('GET', '/knowledge/deflection', admin.token),
    );
    expect(report).toMatchObject({ sessionsWithViews: 2, submitted: 1, deflected: 1, deflectionRate: 0.5 });
    expect(report.articles.find((a) => a.slug === 'disk-extend')).toMatchObject({ views: 2, deflected: 1 });
    expectError(await call('GET', '/knowledge/deflection', null), 401);
  });

  it('suggests articles on the agent request page in the request language, internal included', async () => {
    const key = await t.f.ticket(otherCustomer, { subject: 'Диск завис в статусе attaching', description: 'Подключаю том к виртуальной машине, уже полчаса attaching', catalogueItemId: await itemId('storage.block.io') });
    const res = json<{ language: string; items: Array<{ slug: string; title: string; catalogueMatch: boolean }> }>(await call('GET', `/tickets/${key}/article-suggestions`, agent.token));
    expect(res.language).toBe('ru');
    expect(res.items[0]).toMatchObject({ slug: 'disk-attach-stuck', title: 'Диск завис в статусе «attaching»/«detaching» или ВМ его не видит', catalogueMatch: true });
    expectError(await call('GET', `/tickets/${key}/article-suggestions`, null), 401);
    expectError(await call('GET', `/tickets/${key}/article-suggestions`, otherCustomer.token), 403);
    expectError(await call('GET', `/tickets/${key}/article-suggestions`, customer.token), 403);
    expectError(await call('GET', `/tickets/${key}/article-suggestions`, vendor.token), 403);
    expectError(await call('GET', '/tickets/SUP-999999/article-suggestions', agent.token), 404);
  });
});
