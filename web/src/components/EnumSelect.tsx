/** Shared `<select>` controls for request priority and request type, labelled in the current language. */
import { useI18n } from '../i18n';
import { PRIORITIES, TICKET_TYPES, type Priority, type TicketType } from '../types';

interface EnumSelectProps<T extends string> {
  value: T | '';
  onChange: (v: T | '') => void;
  /** Label of a leading empty option; when absent there is no empty option. */
  empty?: string;
  disabled?: boolean;
  testId?: string;
}

function EnumSelect<T extends string>({
  values,
  label,
  value,
  onChange,
  empty,
  disabled,
  testId,
}: EnumSelectProps<T> & { values: readonly T[]; label: (v: T) => string }) {
  return (
    <select value={value} disabled={disabled} onChange={(e) => onChange(values.find((x) => x === e.target.value) ?? '')} data-testid={testId}>
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </select>
  );
}

export function PrioritySelect(props: EnumSelectProps<Priority>) {
  const { t } = useI18n();
  return <EnumSelect {...props} values={PRIORITIES} label={(v) => t(`priority.${v}`)} />;
}

export function TypeSelect(props: EnumSelectProps<TicketType>) {
  const { t } = useI18n();
  return <EnumSelect {...props} values={TICKET_TYPES} label={(v) => t(`type.${v}`)} />;
}
