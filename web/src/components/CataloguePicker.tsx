import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import type { CatalogueItem, Locale } from '../types';

interface Node {
  item: CatalogueItem;
  children: Node[];
}

export function catalogueName(item: { nameEn: string; nameRu: string }, locale: Locale): string {
  return locale === 'ru' ? item.nameRu || item.nameEn : item.nameEn || item.nameRu;
}

function buildTree(items: CatalogueItem[], locale: Locale): Node[] {
  const byId = new Map<string, Node>();
  for (const item of items) byId.set(item.id, { item, children: [] });
  const roots: Node[] = [];
  for (const node of byId.values()) {
    const parent = node.item.parentId ? byId.get(node.item.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: Node[]) => {
    nodes.sort((a, b) => catalogueName(a.item, locale).localeCompare(catalogueName(b.item, locale)));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** "Cloud → Account → Quotas" for an item, from the root down. */
export function cataloguePath(items: CatalogueItem[], id: string, locale: Locale): string {
  const byId = new Map(items.map((i) => [i.id, i]));
  const names: string[] = [];
  let cur = byId.get(id);
  for (let guard = 0; cur && guard < 20; guard++) {
    names.unshift(catalogueName(cur, locale));
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return names.join(' → ');
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/** Every word of the filter in the item's Russian or English name or code, or in a level above it. */
function matches(node: Node, words: string[], above = ''): boolean {
  if (words.length === 0) return true;
  const hay = `${above} ${fold(`${node.item.nameEn} ${node.item.nameRu} ${node.item.code}`)}`;
  if (node.children.length === 0) return words.every((w) => hay.includes(w));
  return node.children.some((c) => matches(c, words, hay));
}

/** A tree of the service catalogue; only leaves (concrete services) can be picked. */
export function CataloguePicker(props: { items: CatalogueItem[]; value: string | null; onChange: (id: string | null) => void }) {
  const { t, locale } = useI18n();
  const tree = useMemo(() => buildTree(props.items, locale), [props.items, locale]);
  // A catalogue with one root ("Cloud") starts opened at the first level.
  const [open, setOpen] = useState<Set<string>>(() => new Set(tree.length === 1 && tree[0] ? [tree[0].item.id] : []));
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const words = fold(needle).split(/\s+/).filter(Boolean);

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const render = (nodes: Node[], depth: number, above = '') => (
    <ul className={depth === 0 ? 'tree' : 'tree-sub'}>
      {nodes
        .filter((n) => matches(n, words, above))
        .map((n) => {
          const leaf = n.children.length === 0;
          const expanded = needle !== '' || open.has(n.item.id);
          const selected = props.value === n.item.id;
          return (
            <li key={n.item.id}>
              {leaf ? (
                <button
                  type="button"
                  className={selected ? 'tree-leaf selected' : 'tree-leaf'}
                  data-testid="catalogue-leaf"
                  data-code={n.item.code}
                  aria-pressed={selected}
                  onClick={() => props.onChange(selected ? null : n.item.id)}
                >
                  {catalogueName(n.item, locale)}
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    className="tree-branch"
                    aria-expanded={expanded}
                    data-testid="catalogue-branch"
                    data-code={n.item.code}
                    onClick={() => toggle(n.item.id)}
                  >
                    <span className="caret">{expanded ? '▾' : '▸'}</span> {catalogueName(n.item, locale)}
                  </button>
                  {expanded && render(n.children, depth + 1, `${above} ${fold(`${n.item.nameEn} ${n.item.nameRu} ${n.item.code}`)}`)}
                </>
              )}
            </li>
          );
        })}
    </ul>
  );

  return (
    <div className="catalogue" data-testid="catalogue-picker">
      <div className="catalogue-bar">
        <input
          type="search"
          placeholder={t('new.filterCatalogue')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="catalogue-filter"
        />
        {props.value && (
          <span className="catalogue-selected" data-testid="catalogue-selected">
            {cataloguePath(props.items, props.value, locale)}
            <button type="button" className="btn btn-small" onClick={() => props.onChange(null)}>
              {t('new.clearService')}
            </button>
          </span>
        )}
      </div>
      <div className="catalogue-tree">{render(tree, 0)}</div>
    </div>
  );
}
