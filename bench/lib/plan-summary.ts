import type pg from 'pg';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Alias'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Heap Fetches'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: string[]): void {
  if (node['Relation Name']) {
    const rel = node['Alias'] && node['Alias'] !== node['Relation Name'] ? `${node['Relation Name']} ${node['Alias']}` : node['Relation Name'];
    const extra = [
      node['Rows Removed by Filter'] ? `${node['Rows Removed by Filter']} removed by filter` : '',
      node['Heap Fetches'] ? `${node['Heap Fetches']} heap fetches` : '',
    ].filter(Boolean);
    out.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} on ${rel} (rows=${node['Actual Rows'] ?? '?'}×${node['Actual Loops'] ?? 1}${extra.length ? `, ${extra.join(', ')}` : ''})`);
  } else if (node['Index Name']) {
    out.push(`${node['Node Type']} using ${node['Index Name']} (rows=${node['Actual Rows'] ?? '?'}×${node['Actual Loops'] ?? 1})`);
  }
  for (const child of node.Plans ?? []) walk(child, out);
}

export interface PlanSummary {
  line: string;
  executionMs: number;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement: every relation access (all tables), buffers and server time. */
export async function summarizePlan(client: pg.Client, q: { text: string; values: unknown[] }): Promise<PlanSummary> {
  const res = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }> }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`,
    q.values,
  );
  const top = res.rows[0]?.['QUERY PLAN'][0];
  if (!top) return { line: '(no plan)', executionMs: Number.NaN };
  const access: string[] = [];
  walk(top.Plan, access);
  const line = `${top.Plan['Node Type']} ← ${access.length ? access.join(' + ') : '(no table read)'}; buffers hit=${top.Plan['Shared Hit Blocks'] ?? 0} read=${top.Plan['Shared Read Blocks'] ?? 0}; planning ${top['Planning Time'].toFixed(2)} ms, execution ${top['Execution Time'].toFixed(2)} ms`;
  return { line, executionMs: top['Execution Time'] };
}
