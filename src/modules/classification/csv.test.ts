import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { CsvParser, parseCsv, readLabelledCsv } from './csv.js';

const SAMPLE = 'a,b,c\r\n1,"two, with comma","say ""hi"""\r\n"multi\nline",,"x"\r\n\r\nlast,row,"end"';
const EXPECTED = [
  ['a', 'b', 'c'],
  ['1', 'two, with comma', 'say "hi"'],
  ['multi\nline', '', 'x'],
  ['last', 'row', 'end'],
];

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, embedded newlines, empty fields and CRLF', () => {
    expect(parseCsv(SAMPLE)).toEqual(EXPECTED);
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    for (let size = 1; size <= 7; size++) {
      const p = new CsvParser();
      const rows = [];
      for (let i = 0; i < SAMPLE.length; i += size) rows.push(...p.push(SAMPLE.slice(i, i + size)));
      rows.push(...p.end());
      expect(rows.filter((r) => !(r.length === 1 && r[0] === ''))).toEqual(EXPECTED);
    }
  });

  it('strips a BOM, accepts bare LF and a trailing newline', () => {
    expect(parseCsv('\ufeffx,y\n1,2\n')).toEqual([['x', 'y'], ['1', '2']]);
  });

  it('keeps a stray quote inside an unquoted field', () => {
    expect(parseCsv('5" disk,b\n"",x')).toEqual([['5" disk', 'b'], ['', 'x']]);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,\n,b')).toEqual([['a', ''], ['', 'b']]);
  });

  it('rejects an unterminated quoted field', () => {
    const p = new CsvParser();
    p.push('a,"open');
    expect(() => p.end()).toThrow(/quoted/);
  });
});

describe('readLabelledCsv', () => {
  it('reads the named columns and skips unlabelled rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csv-'));
    const file = path.join(dir, 'x.csv');
    writeFileSync(file, 'id,Document,Topic\n1,"hello, world",A\n2,no label,\n3,"two\nlines",B\n');
    expect(await readLabelledCsv(file, 'Document', 'Topic')).toEqual({ texts: ['hello, world', 'two\nlines'], labels: ['A', 'B'] });
    await expect(readLabelledCsv(file, 'Nope', 'Topic')).rejects.toThrow(/not in header/);
  });
});
