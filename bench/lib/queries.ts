import pg from 'pg';

export interface CapturedQuery {
  text: string;
  values: unknown[];
  ms: number;
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Records every query the app sends through node-postgres while `active` is on, with its time on the
 * wire. Used to count round trips per request and to EXPLAIN exactly the SQL the app ran.
 */
export class QueryRecorder {
  active = false;
  readonly log: CapturedQuery[] = [];
  private original: QueryFn | undefined;

  install(): this {
    const proto = pg.Client.prototype as unknown as { query: QueryFn };
    const original = proto.query;
    this.original = original;
    const isActive = () => this.active;
    const log = this.log;
    proto.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
      const result = original.apply(this, args);
      if (!isActive() || typeof text !== 'string' || !(result instanceof Promise)) return result;
      const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : [];
      const started = performance.now();
      return result.then((r: unknown) => {
        log.push({ text, values, ms: performance.now() - started });
        return r;
      });
    };
    return this;
  }

  uninstall(): void {
    if (this.original) (pg.Client.prototype as unknown as { query: QueryFn }).query = this.original;
  }

  take(): CapturedQuery[] {
    return this.log.splice(0, this.log.length);
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: string[]): void {
  if (node['Relation Name'] === 'tickets' || node['Index Name']?.startsWith('tickets')) {
    const removed = node['Rows Removed by Filter'] ? `, ${node['Rows Removed by Filter']} removed by filter` : '';
    out.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} (rows=${node['Actual Rows'] ?? '?'}×${node['Actual Loops'] ?? 1}${removed})`);
  }
  for (const child of node.Plans ?? []) walk(child, out);
}

/** One line: where `tickets` rows come from, the buffers touched and the server-side time. */
export async function explainSummary(client: pg.Client, q: Pick<CapturedQuery, 'text' | 'values'>): Promise<string> {
  const res = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }> }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`,
    q.values,
  );
  const top = res.rows[0]?.['QUERY PLAN'][0];
  if (!top) return '(no plan)';
  const access: string[] = [];
  walk(top.Plan, access);
  const hit = top.Plan['Shared Hit Blocks'] ?? 0;
  const read = top.Plan['Shared Read Blocks'] ?? 0;
  return `${access.join(' + ')}; buffers hit=${hit} read=${read}; planning ${top['Planning Time'].toFixed(2)} ms, execution ${top['Execution Time'].toFixed(2)} ms`;
}

export async function explainText(client: pg.Client, q: Pick<CapturedQuery, 'text' | 'values'>): Promise<string> {
  const res = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
  return res.rows.map((r) => r['QUERY PLAN']).join('\n');
}
