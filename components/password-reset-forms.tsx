'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { completeResetAction, requestResetAction, type ResetState } from '@/app/reset/actions';
import { FormAlert } from '@/components/form-alert';
import { PasswordField } from '@/components/password-strength';

const initial: ResetState = { status: 'idle', message: null, fieldErrors: {} };

/** "Username or email": the answer is the same whether or not such an account exists. */
export function ResetRequestForm() {
  const t = useTranslations('ResetForms');
  const [state, action, pending] = useActionState(requestResetAction, initial);
  const [identifier, setIdentifier] = useState('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const errors = state.fieldErrors.identifier;

  useEffect(() => {
    if (state.status === 'error') fieldRef.current?.focus();
  }, [state]);

  return (
    <form action={action} noValidate>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <p role="status" className={state.status === 'sent' ? 'notice' : undefined}>
        {state.status === 'sent' ? state.message : ''}
      </p>
      <div className="field">
        <label htmlFor="identifier">{t('identifier')}</label>
        <input
          ref={fieldRef}
          id="identifier"
          name="identifier"
          type="text"
          autoComplete="username"
          dir="auto"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={identifier}
          onChange={(event) => setIdentifier(event.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? 'identifier-error' : undefined}
        />
        {errors ? (
          <p id="identifier-error" className="field-error">
            {errors.join(' ')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button block" disabled={pending}>
        {t('sendLink')}
      </button>
    </form>
  );
}

/** The reset link's page: a new password, once. */
export function ResetPasswordForm({ token, name }: { token: string; name: string }) {
  const t = useTranslations('ResetForms');
  const [state, action, pending] = useActionState(completeResetAction, initial);
  const [password, setPassword] = useState('');

  useEffect(() => {
    if (state.status === 'error' && state.fieldErrors.newPassword) document.getElementById('new-password')?.focus();
  }, [state]);

  return (
    <form action={action} noValidate>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <input type="hidden" name="token" value={token} />
      <PasswordField id="new-password" name="newPassword" label={t('newPassword')} value={password} onChange={setPassword} username={name} errors={state.fieldErrors.newPassword} />
      <button type="submit" className="button block" disabled={pending}>
        {t('setPassword')}
      </button>
    </form>
  );
}
