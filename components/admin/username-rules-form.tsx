'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { describedBy, FieldError } from './field-error';
import { saveUsernameRulesAction, type AdminActionState } from '@/app/admin/actions';
import type { CompanyRulesView } from '@/lib/companies/username-rules';
import { USERNAME_LENGTH } from '@/lib/usernames/lengths';

const idle: AdminActionState = { status: 'idle', message: null };

/** Pattern limits, as lib/companies/username-rules.ts enforces them (a constant here keeps the analyser out of the page). */
const PATTERN_MAX = 200;

/** One of the two length bounds: a number within the company profile's own lengths. */
function LengthField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  errorId: string;
  describedBy: string | undefined;
}) {
  const { min, max } = USERNAME_LENGTH.company;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.errors ? true : undefined}
        aria-describedby={props.describedBy}
      />
      <FieldError id={props.errorId} errors={props.errors} />
    </div>
  );
}

/**
 * The company's own username rules: length bounds, a pattern the whole name must match, reserved
 * names. Each refusal is shown next to its field and tied to it with aria-describedby.
 */
export function UsernameRulesForm({ companyId, rules }: { companyId: number; rules: CompanyRulesView }) {
  const [state, action, pending] = useActionState(saveUsernameRulesAction, idle);
  const [minLength, setMinLength] = useState(String(rules.minLength));
  const [maxLength, setMaxLength] = useState(String(rules.maxLength));
  const [pattern, setPattern] = useState(rules.pattern ?? '');
  const [reserved, setReserved] = useState(rules.reserved.join('\n'));
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  const key = `rules-${companyId}`;
  const described = (name: string, ...hints: string[]) => describedBy(errors, key, name, ...hints);
  const t = useTranslations('Admin.rules');
  return (
    <form action={action} className="admin-form admin-rules">
      <input type="hidden" name="companyId" value={companyId} />
      <div className="admin-rules-lengths">
        <LengthField id={`${key}-min`} name="minLength" label={t('minLength')} value={minLength} onChange={setMinLength} errors={errors.minLength} errorId={`${key}-minLength-error`} describedBy={described('minLength')} />
        <LengthField id={`${key}-max`} name="maxLength" label={t('maxLength')} value={maxLength} onChange={setMaxLength} errors={errors.maxLength} errorId={`${key}-maxLength-error`} describedBy={described('maxLength')} />
      </div>
      <div className="field">
        <label htmlFor={`${key}-pattern`}>{t('pattern')}</label>
        <p className="hint" id={`${key}-pattern-hint`}>
          {t.rich('patternHint', {
            example: 'FB\\d{5}',
            max: PATTERN_MAX,
            code: (chunks) => <code dir="ltr">{chunks}</code>,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <input
          id={`${key}-pattern`}
          name="pattern"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={1024}
          value={pattern}
          onChange={(e) => setPattern(e.target.value)}
          aria-invalid={errors.pattern ? true : undefined}
          aria-describedby={described('pattern', `${key}-pattern-hint`)}
        />
        <FieldError id={`${key}-pattern-error`} errors={errors.pattern} />
      </div>
      <div className="field">
        <label htmlFor={`${key}-reserved`}>{t('reserved')}</label>
        <p className="hint" id={`${key}-reserved-hint`}>
          {t('reservedHint')}
        </p>
        <textarea
          id={`${key}-reserved`}
          name="reserved"
          rows={3}
          value={reserved}
          onChange={(e) => setReserved(e.target.value)}
          aria-invalid={errors.reserved ? true : undefined}
          aria-describedby={described('reserved', `${key}-reserved-hint`)}
        />
        <FieldError id={`${key}-reserved-error`} errors={errors.reserved} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('save')}
        <span className="sr-only">{t('saveWhat')}</span>
      </button>
      {/* The outcome; a refusal of a field is said next to that field instead, once. */}
      <p className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
        {state.status === 'success' ? state.message : state.status === 'error' ? (Object.keys(errors).length > 0 ? t('nothingSaved') : state.message) : ''}
      </p>
    </form>
  );
}
