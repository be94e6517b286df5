'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState } from 'react';
import { signUp, type SignUpState } from '@/app/signup/actions';
import { useLazyUsernameCheck } from './lazy-username-check';
import { PasswordField } from './password-strength';
import { useMessageText } from './use-message-text';
import { refusalVerdict, UsernameField, useUsernameHint } from './username-field';
import { FormAlert } from '@/components/form-alert';

const initial: SignUpState = { status: 'idle', message: null, fieldErrors: {}, refusal: null };

/**
 * The signup form. Its inputs are controlled: React 19 resets uncontrolled fields after a form
 * action, and a refused name must come back with everything the person typed.
 */
export function SignUpForm() {
  const t = useTranslations('SignUpForm');
  const text = useMessageText();
  const hint = useUsernameHint();
  const [state, action, pending] = useActionState(signUp, initial);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  // The live check (loaded on the first keystroke) also learns of the server's refusals.
  const { verdict: live, checker } = useLazyUsernameCheck(username, state.refusal);
  // The server's answer on submit beats the live check for as long as the field holds that name.
  const refusal = state.refusal && state.refusal.username === username ? state.refusal : null;
  const verdict = refusal ? refusalVerdict(refusal, text) : live;

  useEffect(() => {
    if (state.status !== 'error') return;
    // Take the person to the first field that needs them.
    const first = state.refusal ? 'username' : state.fieldErrors.password ? 'password' : state.fieldErrors.email ? 'email' : null;
    if (first) document.getElementById(first)?.focus();
  }, [state]);

  const emailErrors = state.fieldErrors.email;
  return (
    <form action={action} noValidate>
      {checker}
      <FormAlert message={state.message} />
      <UsernameField id="username" name="username" label={t('username')} value={username} onChange={setUsername} verdict={verdict} hint={hint} />
      <PasswordField id="password" name="password" value={password} onChange={setPassword} username={username} errors={state.fieldErrors.password} />
      <div className="field">
        <div className="label-row">
          <label htmlFor="email">{t('email')}</label>
          <span id="email-hint" className="hint">
            {t('optional')}
          </span>
        </div>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-describedby={emailErrors ? 'email-error email-hint' : 'email-hint'}
          aria-invalid={emailErrors ? true : undefined}
        />
        {emailErrors ? (
          <p id="email-error" className="field-error">
            {emailErrors.join(' ')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button block" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
