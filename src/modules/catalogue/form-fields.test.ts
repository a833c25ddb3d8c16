import { describe, expect, it } from 'vitest';
import { checkField, formDefinition, isFilled, validatePatch, validateSubmission, type FieldDefinition } from './form-fields.js';
import { renderMissingInfoMessage } from './missing-info-message.js';

const regions = [
  { value: 'Moscow', nameEn: 'Moscow', nameRu: 'Москва' },
  { value: 'ru-msk-1', nameEn: 'Moscow, zone 1', nameRu: 'Москва, зона 1' },
];
const f = (name: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type,
  labelEn: name,
  labelRu: name,
  helpEn: '',
  helpRu: '',
  required: 'optional',
  ...extra,
});
const one = (def: FieldDefinition, value: unknown) => checkField(def, { fields: { [def.name]: value } }, regions);

describe('field validators', () => {
  it('string and text: strings only, bounded', () => {
    expect(one(f('s', 'string'), 'ok')).toEqual([]);
    expect(one(f('s', 'string'), 42)[0]?.message).toMatch(/wrong type: expected a string, got a number/);
    expect(one(f('s', 'string', { maxLength: 3 }), 'abcd')[0]?.message).toMatch(/too long/);
    expect(one(f('t', 'text'), 'many\nlines')).toEqual([]);
  });

  it('number: a JSON number, not a numeric string; integer and range', () => {
    expect(one(f('n', 'number'), 4.5)).toEqual([]);
    expect(one(f('n', 'number'), '42')).toEqual([{ field: 'body.fields.n', message: 'wrong type: expected a number, got a string' }]);
    expect(one(f('n', 'number', { integer: true }), 1.5)[0]?.message).toMatch(/whole number/);
    expect(one(f('n', 'number', { min: 1, max: 10 }), 0)[0]?.message).toMatch(/at least 1/);
    expect(one(f('n', 'number', { min: 1, max: 10 }), 11)[0]?.message).toMatch(/at most 10/);
    expect(one(f('n', 'number'), true)[0]?.message).toMatch(/got a boolean/);
  });

  it('choice and multi-choice: only the options', () => {
    const options = [
      { value: 'ssd', labelEn: 'SSD', labelRu: 'SSD' },
      { value: 'hdd', labelEn: 'HDD', labelRu: 'HDD' },
    ];
    expect(one(f('c', 'choice', { options }), 'ssd')).toEqual([]);
    expect(one(f('c', 'choice', { options }), 'tape')[0]?.message).toMatch(/not one of the options: ssd, hdd/);
    expect(one(f('m', 'multi_choice', { options }), 'ssd,hdd')).toEqual([]);
    expect(one(f('m', 'multi_choice', { options }), ['ssd'])).toEqual([]);
    expect(one(f('m', 'multi_choice', { options }), 'ssd,tape')[0]?.message).toMatch(/tape/);
    expect(one(f('m', 'multi_choice', { options }), 'ssd,ssd')[0]?.message).toMatch(/twice/);
  });

  it('project ID: mcs and 10 digits', () => {
    const def = f('projectId', 'project_id');
    const check = (projectId: unknown) => checkField(def, { projectId: projectId as string }, regions);
    expect(check('mcs0123456789')).toEqual([]);
    expect(check('mcs123')).toEqual([{ field: 'body.projectId', message: expect.stringMatching(/bad format: a project ID is 'mcs' followed by 10 digits/) }]);
    expect(check('MCS0123456789')[0]?.field).toBe('body.projectId');
  });

  it('region: from the list, case-insensitive', () => {
    const def = f('region', 'region');
    expect(checkField(def, { region: 'moscow' }, regions)).toEqual([]);
    expect(checkField(def, { region: 'ru-msk-1' }, regions)).toEqual([]);
    expect(checkField(def, { region: 'Mars' }, regions)[0]?.message).toMatch(/not a known region or zone: Moscow, ru-msk-1/);
  });

  it('UUID, file and resource ID lists', () => {
    expect(one(f('u', 'uuid'), '3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192')).toEqual([]);
    expect(one(f('u', 'uuid'), 'not-a-uuid')[0]?.message).toMatch(/bad format: a UUID/);
    expect(one(f('a', 'file'), 'x')[0]?.message).toMatch(/attachment ID/);
    const ids = f('resourceIds', 'uuid');
    expect(checkField(ids, { resourceIds: ['3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192', 'vm-1'] }, regions)).toEqual([{ field: 'body.resourceIds.1', message: expect.stringMatching(/UUID/) }]);
  });

  it('IP address: v4 and v6', () => {
    for (const ok of ['192.0.2.10', '2001:db8::1', '::1']) expect(one(f('ip', 'ip'), ok)).toEqual([]);
    for (const bad of ['256.1.1.1', '10.0.0', '2001:db8:::1', 'host.example']) expect(one(f('ip', 'ip'), bad)[0]?.message).toMatch(/IPv4 or IPv6/);
  });

  it('date-time: ISO 8601 with a zone', () => {
    expect(one(f('d', 'datetime'), '2026-03-01T10:00:00+03:00')).toEqual([]);
    expect(one(f('d', 'datetime'), '2026-03-01T10:00Z')).toEqual([]);
    expect(one(f('d', 'datetime'), '2026-03-01 10:00')[0]?.message).toMatch(/ISO 8601/);
    expect(one(f('d', 'datetime'), '2026-02-30T10:00:00Z')[0]?.message).toMatch(/ISO 8601/);
    expect(one(f('d', 'datetime'), '2026-03-01T25:00:00Z')[0]?.message).toMatch(/ISO 8601/);
    expect(one(f('d', 'datetime'), 1700000000)[0]?.message).toMatch(/wrong type/);
  });

  it('time window: both ends, from ≤ to', () => {
    const def = f('timeWindow', 'time_window');
    const w = (from: unknown, to: unknown) => checkField(def, { fields: { timeWindowFrom: from, timeWindowTo: to } }, regions);
    expect(w('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z')).toEqual([]);
    expect(w('2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z')).toEqual([]);
    expect(w('2026-03-01T12:00:00Z', '2026-03-01T11:00:00Z')).toEqual([{ field: 'body.fields.timeWindow', message: 'bad time window: from must not be after to' }]);
    expect(w('2026-03-01T10:00:00Z', undefined)[0]?.field).toBe('body.fields.timeWindowTo');
    expect(w('yesterday', '2026-03-01T11:00:00Z')[0]?.field).toBe('body.fields.timeWindowFrom');
    // Free text recorded before forms existed counts as filled and is not re-validated.
    expect(isFilled(def, { fields: { timeWindow: '10:00–10:30 MSK' } })).toBe(true);
    expect(checkField(def, { fields: { timeWindow: '10:00–10:30 MSK' } }, regions)).toEqual([]);
  });

  it('a submission: required-to-submit missing, escalation-only missing is fine', () => {
    const form = [f('projectId', 'project_id', { required: 'submit' }), f('errorText', 'text', { required: 'escalation' }), f('count', 'number')];
    expect(validateSubmission(form, {}, regions)).toEqual([{ field: 'body.projectId', message: 'missing: projectId is required to submit this request' }]);
    expect(validateSubmission(form, { projectId: 'mcs0123456789', fields: { count: '3' } }, regions)).toEqual([{ field: 'body.fields.count', message: 'wrong type: expected a number, got a string' }]);
    expect(validateSubmission(form, { projectId: 'mcs0123456789' }, regions)).toEqual([]);
  });

  it('a patch checks only what it touches and cannot remove a required-to-submit value', () => {
    const form = [f('name', 'string', { required: 'submit' }), f('ip', 'ip')];
    expect(validatePatch(form, { fields: { name: 'x', ip: 'bad' } }, new Set(['name']), regions)).toEqual([]);
    expect(validatePatch(form, { fields: {} }, new Set(['name']), regions)[0]?.message).toMatch(/cannot be removed/);
  });
});

describe('form definitions', () => {
  it('accepts a valid form and names the problems of a bad one', () => {
    expect(formDefinition.safeParse([f('a', 'string'), f('timeWindow', 'time_window')]).success).toBe(true);
    const bad = formDefinition.safeParse([
      f('a', 'choice'),
      f('a', 'string'),
      f('region', 'string'),
      { ...f('n', 'number'), min: 5, max: 1 },
      f('w', 'time_window'),
      f('wFrom', 'string'),
      f('Bad name', 'string'),
    ]);
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages.join('\n')).toMatch(/0.options: a choice needs at least one option/);
    expect(messages.join('\n')).toMatch(/1.name: the name a is used twice/);
    expect(messages.join('\n')).toMatch(/2.type: the region field must be of type region/);
    expect(messages.join('\n')).toMatch(/3.min: min must not exceed max/);
    expect(messages.join('\n')).toMatch(/5.name: the name wFrom is used twice/);
    expect(messages.join('\n')).toMatch(/6.name:/);
  });
});

describe('the missing-information message', () => {
  const items = [{ key: 'region', labelEn: 'Region', labelRu: 'Регион', helpEn: 'e.g. Moscow', helpRu: 'например, Москва' }];
  it('lists exactly what is missing in the requester’s language', () => {
    const en = renderMissingInfoMessage('en', { ticketKey: 'SUP-1', items });
    expect(en).toContain('SUP-1');
    expect(en).toContain('• Region — e.g. Moscow');
    const ru = renderMissingInfoMessage('ru', { ticketKey: 'SUP-1', items });
    expect(ru).toContain('• Регион — например, Москва');
    expect(ru).not.toContain('Region');
  });
});
