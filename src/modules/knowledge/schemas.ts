import { z } from 'zod';

const noNul = (s: string) => !s.includes('\u0000');
const text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'must not contain NUL characters');

export const kbKinds = ['how_to', 'typical_problem', 'known_error'] as const;
export const kbStatuses = ['draft', 'published', 'archived'] as const;
export const kbErrorStatuses = ['investigating', 'workaround_available', 'fix_scheduled', 'fixed'] as const;
export const slugSchema = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens, e.g. vm-does-not-start');

/** Per-language texts: null removes the text (a language may be missing, but not both). */
const localized = {
  titleEn: text(300).nullable().optional(),
  titleRu: text(300).nullable().optional(),
  bodyEn: text(100_000).nullable().optional(),
  bodyRu: text(100_000).nullable().optional(),
  symptomsEn: text(20_000).nullable().optional().describe('known errors: what the customer observes'),
  symptomsRu: text(20_000).nullable().optional(),
  workaroundEn: text(20_000).nullable().optional().describe('known errors: how to get around it until the fix'),
  workaroundRu: text(20_000).nullable().optional(),
};

export const articleFields = z.object({
  kind: z.enum(kbKinds).optional(),
  visibility: z.enum(['public', 'internal']).optional(),
  status: z.enum(kbStatuses).optional().describe('draft and published: any agent; archived (or back from it): administrators'),
  ...localized,
  errorStatus: z.enum(kbErrorStatuses).nullable().optional().describe('known errors only'),
  keywords: z.string().max(2000).refine(noNul, 'must not contain NUL characters').optional().describe('extra search terms: synonyms, error codes'),
  catalogueItemIds: z.array(z.uuid()).max(50).optional(),
});
export const createArticleInput = articleFields.extend({ slug: slugSchema, kind: z.enum(kbKinds), visibility: z.enum(['public', 'internal']) });
export const updateArticleInput = articleFields
  .extend({ slug: slugSchema.optional(), note: z.string().trim().max(500).optional().describe('what changed, kept with the version'), version: z.number().int().positive().optional().describe('alternative to If-Match') })
  .refine((v) => Object.keys(v).some((k) => k !== 'version' && k !== 'note'), { message: 'nothing to change' });
export type CreateArticleInput = z.infer<typeof createArticleInput>;
export type UpdateArticleInput = z.infer<typeof updateArticleInput>;

export const listArticlesQuery = z.object({
  q: z.string().trim().max(500).refine(noNul, 'must not contain NUL characters').optional(),
  kind: z.enum(kbKinds).optional(),
  visibility: z.enum(['public', 'internal']).optional(),
  status: z.enum([...kbStatuses, 'all']).optional().describe('staff only; default: draft and published'),
  catalogueItemId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListArticlesQuery = z.infer<typeof listArticlesQuery>;

export const feedbackInput = z.object({ helpful: z.boolean(), comment: z.string().trim().max(2000).refine(noNul, 'must not contain NUL characters').optional() });

export const suggestInput = z.object({
  subject: z.string().max(300).refine(noNul, 'must not contain NUL characters').default(''),
  description: z.string().max(100_000).refine(noNul, 'must not contain NUL characters').default(''),
  catalogueItemId: z.uuid().optional(),
  sessionId: z.uuid().optional().describe('the draft session returned by the first call; omit to start one'),
  limit: z.number().int().min(1).max(20).default(5),
});
export type SuggestInput = z.infer<typeof suggestInput>;

const localizedView = z.string().nullable();
export const articleSummaryView = z.object({
  id: z.uuid(),
  slug: z.string(),
  kind: z.enum(kbKinds),
  visibility: z.enum(['public', 'internal']),
  status: z.enum(kbStatuses),
  titleEn: localizedView,
  titleRu: localizedView,
  excerpt: z.string().describe("the start of the body in the reader's language (or the other one)"),
  errorStatus: z.enum(kbErrorStatuses).nullable(),
  version: z.number(),
  updatedAt: z.string(),
  feedback: z.object({ helpful: z.number(), notHelpful: z.number() }).optional().describe('staff only'),
});
export const articleView = articleSummaryView.omit({ excerpt: true }).extend({
  bodyEn: localizedView,
  bodyRu: localizedView,
  symptomsEn: localizedView,
  symptomsRu: localizedView,
  workaroundEn: localizedView,
  workaroundRu: localizedView,
  keywords: z.string().optional().describe('staff only'),
  catalogueItems: z.array(z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameRu: z.string() })),
  createdAt: z.string(),
  updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable().optional(),
  myFeedback: z.object({ helpful: z.boolean(), comment: z.string().nullable() }).nullable(),
});
export const suggestionView = z.object({
  id: z.uuid(),
  slug: z.string(),
  kind: z.enum(kbKinds),
  visibility: z.enum(['public', 'internal']),
  title: z.string().describe('in the requested language when the article has it'),
  excerpt: z.string(),
  language: z.enum(['en', 'ru']).describe('language of title and excerpt'),
  score: z.number(),
  catalogueMatch: z.boolean(),
});
