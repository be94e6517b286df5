'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { addReservedNameAction, removeReservedNameAction, type AdminActionState } from '@/app/admin/actions';
import { USERNAME_LENGTH } from '@/lib/usernames/lengths';
import { useClearedOnSuccess } from './use-cleared-on-success';

const idle: AdminActionState = { status: 'idle', message: null };

/** Platform admins: reserve a global username, exactly or as a prefix (lib/reserved-names.ts decides what may be reserved). */
export function ReserveNameForm() {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(addReservedNameAction, idle);
  const [name, setName] = useClearedOnSuccess(state);
  const [match, setMatch] = useClearedOnSuccess(state, 'exact');
  // The refusal of the name (in the page's language) under the field, while the field still holds that name.
  const nameError = state.status === 'error' && state.fieldErrors?.name && state.value === name ? state.message : null;
  return (
    <form action={action} className="admin-form admin-reserve-name">
      <div className="field">
        <label htmlFor="reserved-name">{t('reservedName')}</label>
        <p id="reserved-name-hint" className="hint">
          {t('reservedNameHint')}
        </p>
        <input
          id="reserved-name"
          name="name"
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={USERNAME_LENGTH.global.max * 4}
          aria-describedby="reserved-name-hint reserved-name-outcome"
          aria-invalid={nameError ? true : undefined}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          dir="auto"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="reserved-match">{t('match')}</label>
        <select id="reserved-match" name="match" value={match} onChange={(e) => setMatch(e.target.value)}>
          <option value="exact">{t('matchExact')}</option>
          <option value="prefix">{t('matchPrefix')}</option>
        </select>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('reserve')}
      </button>
      <p id="reserved-name-outcome" className={state.status === 'error' ? 'admin-error' : 'admin-ok'} aria-live="polite">
        {state.message}
      </p>
    </form>
  );
}

/** Removes one rule; the names it caught are free again at once. */
export function RemoveReservedNameButton({ ruleId, name }: { ruleId: number; name: string }) {
  const t = useTranslations('Admin');
  const [state, action, pending] = useActionState(removeReservedNameAction, idle);
  return (
    <form action={action}>
      <input type="hidden" name="ruleId" value={ruleId} />
      <button type="submit" className="button secondary small admin-danger-text" disabled={pending}>
        {t('remove')}
        <span className="sr-only"> {name}</span>
      </button>
      {state.status === 'error' ? (
        <span className="admin-error" aria-live="polite">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
