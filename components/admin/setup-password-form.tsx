'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { completeSetupAction, type SetupState } from '@/app/setup/actions';
import { FormAlert } from '@/components/form-alert';
import { PASSWORD_MIN } from '@/lib/auth/password-policy';

const initial: SetupState = { status: 'idle', message: null };

export function SetupPasswordForm({ token }: { token: string }) {
  const t = useTranslations('ResetForms');
  const [state, action, pending] = useActionState(completeSetupAction, initial);
  const passwordError = state.fieldErrors?.password?.[0];
  const repeatError = state.fieldErrors?.repeatPassword?.[0];
  return (
    <form action={action} noValidate>
      <FormAlert message={state.message} />
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor="password">{t('password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby="password-hint"
        />
        <span id="password-hint" className="hint">
          {t('atLeast', { min: PASSWORD_MIN })}
        </span>
      </div>
      <div className="field">
        <label htmlFor="repeat-password">{t('repeatPassword')}</label>
        <input id="repeat-password" name="repeatPassword" type="password" autoComplete="new-password" required aria-invalid={repeatError ? true : undefined} />
      </div>
      <button type="submit" className="button block" disabled={pending}>
        {t('setPassword')}
      </button>
    </form>
  );
}
