/**
 * RFC 4180 CSV parser that accepts input in arbitrary chunks: a chunk may end inside a quoted
 * field, between a `"` and its escaping `"`, or between CR and LF, and the rows come out the same.
 * Lenient where real exports are sloppy: bare LF line ends, a quote inside an unquoted field.
 */
import { createReadStream } from 'node:fs';

export type CsvRow = string[];

export class CsvParser {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** A `"` seen inside quotes; whether it closes the field or escapes a quote depends on the next char. */
  private pendingQuote = false;
  private pendingCr = false;
  private atFieldStart = true;
  private started = false;

  /** Feeds a chunk and returns the rows it completed. */
  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let s = chunk;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    for (let i = 0; i < s.length; i++) {
      const c = s[i] as string;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === '\n') continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === '"') { this.field += '"'; continue; }
        this.inQuotes = false;
      }
      // Runs of ordinary characters are appended as one slice: per-char concatenation made
      // reading the 14 MB Endava file four times slower.
      if (this.inQuotes) {
        const q = s.indexOf('"', i);
        if (q < 0) { this.field += s.slice(i); break; }
        this.field += s.slice(i, q);
        this.pendingQuote = true;
        i = q;
        continue;
      }
      if (c === '"' && this.atFieldStart) {
        this.inQuotes = true;
        this.atFieldStart = false;
      } else if (c === ',') {
        this.endField();
      } else if (c === '\n' || c === '\r') {
        this.pendingCr = c === '\r';
        rows.push(this.endRow());
      } else {
        let j = i + 1;
        while (j < s.length) {
          const code = s.charCodeAt(j);
          if (code === 44 || code === 10 || code === 13) break; // , \n \r
          j++;
        }
        this.field += s.slice(i, j);
        this.atFieldStart = false;
        i = j - 1;
      }
    }
    return rows;
  }

  /** Flushes the last row when the input does not end with a line break. */
  end(): CsvRow[] {
    if (this.pendingQuote) { this.pendingQuote = false; this.inQuotes = false; }
    if (this.inQuotes) throw new Error('CSV ends inside a quoted field');
    if (this.atFieldStart && this.row.length === 0 && this.field === '') return [];
    return [this.endRow()];
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.atFieldStart = true;
  }

  private endRow(): CsvRow {
    this.endField();
    const r = this.row;
    this.row = [];
    return r;
  }
}

/** Parses a whole CSV string; blank lines are dropped. */
export function parseCsv(text: string): CsvRow[] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()].filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Streams rows of a CSV file without holding the file in memory. */
export async function* readCsvFile(path: string): AsyncGenerator<CsvRow> {
  const p = new CsvParser();
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    for (const r of p.push(chunk as string)) if (!(r.length === 1 && r[0] === '')) yield r;
  }
  for (const r of p.end()) if (!(r.length === 1 && r[0] === '')) yield r;
}

/** Reads two named columns of a CSV file with a header row; rows missing either value are skipped. */
export async function readLabelledCsv(
  path: string,
  textCol: string,
  labelCol: string,
): Promise<{ texts: string[]; labels: string[] }> {
  const texts: string[] = [];
  const labels: string[] = [];
  let ti = -1;
  let li = -1;
  for await (const row of readCsvFile(path)) {
    if (ti < 0) {
      ti = row.indexOf(textCol);
      li = row.indexOf(labelCol);
      if (ti < 0 || li < 0) throw new Error(`columns "${textCol}"/"${labelCol}" not in header: ${row.join(', ')}`);
      continue;
    }
    const t = row[ti];
    const l = row[li];
    if (t === undefined || l === undefined || l.trim() === '') continue;
    texts.push(t);
    labels.push(l.trim());
  }
  return { texts, labels };
}
