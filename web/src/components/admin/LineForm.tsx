import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../ErrorNote';
import { useAction } from './useAction';
import type { LineInfo, LineInput } from '../../types';

interface Props {
  line: LineInfo | null;
  canEdit: boolean;
  onSave: (input: LineInput) => Promise<unknown>;
}

/** One line's names, level, responsibilities (RU/EN) and whether it keeps the customer contact; also the "new line" form. */
export function LineForm({ line, canEdit, onSave }: Props) {
  const { t } = useI18n();
  const [v, setV] = useState<Required<LineInput>>({
    code: line?.code ?? '',
    level: line?.level ?? 1,
    nameEn: line?.nameEn ?? '',
    nameRu: line?.nameRu ?? '',
    responsibilitiesEn: line?.responsibilitiesEn ?? '',
    responsibilitiesRu: line?.responsibilitiesRu ?? '',
    keepsCustomerContact: line?.keepsCustomerContact ?? false,
  });
  const save = useAction();
  const set = <K extends keyof LineInput>(k: K, value: Required<LineInput>[K]) => setV((old) => ({ ...old, [k]: value }));
  const tid = line ? `line-${line.code}` : 'line-new';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: LineInput = { ...v };
    if (line) delete input.code;
    await save.run(() => onSave(input));
  }

  return (
    <form className="card admin-card" onSubmit={submit} data-testid={tid}>
      <fieldset disabled={!canEdit || save.busy}>
        <div className="row">
          <label className="field">
            <span>{t('admin.code')}</span>
            <input value={v.code} onChange={(e) => set('code', e.target.value.toUpperCase())} disabled={line !== null} required data-testid={`${tid}-code`} />
          </label>
          <label className="field">
            <span>{t('admin.level')}</span>
            <input type="number" min={1} max={9} value={v.level} onChange={(e) => set('level', Number(e.target.value))} required />
          </label>
          <label className="field">
            <span>{t('admin.nameRu')}</span>
            <input value={v.nameRu} onChange={(e) => set('nameRu', e.target.value)} required />
          </label>
          <label className="field">
            <span>{t('admin.nameEn')}</span>
            <input value={v.nameEn} onChange={(e) => set('nameEn', e.target.value)} required />
          </label>
        </div>
        <div className="row">
          <label className="field">
            <span>{t('admin.responsibilitiesRu')}</span>
            <textarea rows={3} value={v.responsibilitiesRu} onChange={(e) => set('responsibilitiesRu', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('admin.responsibilitiesEn')}</span>
            <textarea rows={3} value={v.responsibilitiesEn} onChange={(e) => set('responsibilitiesEn', e.target.value)} />
          </label>
        </div>
        <div className="actions">
          <label className="field inline">
            <input type="checkbox" checked={v.keepsCustomerContact} onChange={(e) => set('keepsCustomerContact', e.target.checked)} data-testid={`${tid}-keeps`} />
            <span>{t('admin.keepsCustomerContact')}</span>
          </label>
          {line?.queue && <span className="muted small">{t('qv.openUnassigned', { open: line.queue.open, unassigned: line.queue.unassigned })}</span>}
          <span className="spacer" />
          {save.done && <span className="ok-note small">{t('admin.saved')}</span>}
          {canEdit && (
            <button type="submit" className="btn btn-primary btn-small" data-testid={`${tid}-save`}>
              {line ? t('admin.save') : t('admin.create')}
            </button>
          )}
        </div>
      </fieldset>
      <ErrorNote error={save.error} />
    </form>
  );
}
