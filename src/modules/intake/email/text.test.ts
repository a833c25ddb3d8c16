import { describe, expect, it } from 'vitest';
import { automatedReason, htmlToSafeText, messageIds, stripQuotedHistory, subjectKey } from './text.js';

describe('stripQuotedHistory', () => {
  it.each([
    ['Fixed, thanks.\n\nOn Tue, 3 Mar 2026 at 12:00, Support <s@desk.test> wrote:\n> old', 'Fixed, thanks.'],
    ['Fixed.\n\nOn Tue, 3 Mar 2026 at 12:00, Support Team\n<s@desk.test> wrote:\n> old', 'Fixed.'],
    ['Спасибо!\n\n3 марта 2026 г., в 12:00, Поддержка <s@desk.test> пишет:\n> старое', 'Спасибо!'],
    ['Ok\n\n-----Original Message-----\nFrom: Support\nSubject: x', 'Ok'],
    ['Top line\n> quoted\nbottom line', 'Top line\nbottom line'],
  ])('%#', (input, expected) => {
    expect(stripQuotedHistory(input)).toBe(expected);
  });

  it('keeps the whole text when everything is quoted', () => {
    expect(stripQuotedHistory('> only quoted')).toBe('> only quoted');
  });
});

describe('htmlToSafeText', () => {
  it('drops scripts, styles and tags, and keeps escaped brackets escaped', () => {
    const out = htmlToSafeText('<style>x{}</style><p>A &amp; B</p><script>alert(1)</script><p>&lt;b&gt;</p><img src=x onerror=alert(2)><script>unterminated');
    expect(out).toBe('A & B\n&lt;b&gt;');
  });
});

describe('automatedReason', () => {
  const own = 'support@desk.test';
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'c@x.test', 'auto_submitted'],
    [{ 'auto-submitted': 'no' }, 'c@x.test', null],
    [{ precedence: 'junk' }, 'c@x.test', 'precedence'],
    [{ 'x-autoreply': 'yes' }, 'c@x.test', 'autoreply_header'],
    [{}, 'postmaster@x.test', 'daemon_sender'],
    [{}, 'support@desk.test', 'loop'],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }, 'c@x.test', 'delivery_report'],
  ])('%j from %s → %s', (headers, from, expected) => {
    expect(automatedReason(headers, from, 'c@x.test', own)).toBe(expected);
  });

  it('treats the null return path as a bounce', () => {
    expect(automatedReason({}, 'c@x.test', '', own)).toBe('null_return_path');
  });
});

describe('threading helpers', () => {
  it('reads the key from the subject and Message-IDs from headers', () => {
    expect(subjectKey('RE: Fwd: Disk [sup-1234] again')).toBe('SUP-1234');
    expect(subjectKey('SUP-1234 without brackets')).toBeNull();
    expect(messageIds('<a@x> <b@y>\r\n <a@x>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(['<a@x>', 'junk'])).toEqual(['<a@x>']);
  });
});
