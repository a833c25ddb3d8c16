/** Response schemas of the classifier endpoints (also the OpenAPI documentation). */
import { z } from 'zod';

export const termWeight = z.object({ term: z.string(), weight: z.number() });

export const suggestionView = z.object({
  target: z.enum(['type', 'catalogue', 'priority', 'line']),
  label: z.string().describe('type, catalogue item code, priority or line code'),
  labelName: z.object({ en: z.string(), ru: z.string() }).nullable().describe('display name of a catalogue item or line'),
  confidence: z.number().min(0).max(1),
  explanation: z.array(termWeight).describe('the terms that pushed this label up, strongest first'),
  rule: z.string().nullable().describe('the heuristic that decided, if one did (e.g. security-keywords, empty-text)'),
  applied: z.boolean().describe('set on the request automatically at registration'),
  current: z.string().nullable().describe("the request's value now"),
  matches: z.boolean().describe('the suggestion equals the current value'),
  decision: z.enum(['accepted', 'overridden']).nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.date().nullable(),
});

export const classificationView = z.object({
  key: z.string(),
  ticketVersion: z.number().int().describe('send it back (or If-Match) when accepting or overriding'),
  modelVersion: z.number().int().nullable(),
  threshold: z.number(),
  pending: z.boolean().describe('a suggestion waits for L1: not applied and not decided'),
  suggestions: z.array(suggestionView),
});

const figures = z.object({ accuracy: z.number(), macroF1: z.number(), folds: z.number().int(), n: z.number().int() });

export const modelView = z.object({
  version: z.number().int(),
  createdAt: z.date(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  source: z.enum(['default', 'trained']),
  trainingSize: z.number().int(),
  accuracy: z.number().nullable().describe('mean k-fold accuracy over type, catalogue, priority, line'),
  macroF1: z.number().nullable(),
  evaluation: z.record(z.string(), figures).describe('per target'),
  active: z.boolean(),
  activatedAt: z.date().nullable(),
  note: z.string().nullable(),
});

export const settingsView = z.object({
  autoApplyThreshold: z.number().min(0.3).max(1).describe('suggestions at or above this confidence are applied at registration; 1 turns automatic application off'),
});
