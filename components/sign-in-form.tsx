'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { signInWithPassword, type SignInState } from '@/app/login/actions';
import { FormAlert } from '@/components/form-alert';

interface Props {
  callbackUrl?: string;
  companySlug?: string;
  /** a failure to show on arrival (Auth.js sends a failed API sign-in back here with `?error=`) */
  initialMessage?: string | null;
}

/**
 * Username and password, one message for any failure. The username input is controlled, so it keeps
 * what was typed after a failed attempt; the password is not, so React 19's reset after a form action
 * clears it, as it should be.
 */
export function SignInForm({ callbackUrl, companySlug, initialMessage = null }: Props) {
  const t = useTranslations('SignInForm');
  const [initial] = useState<SignInState>(() => ({
    status: initialMessage ? 'error' : 'idle',
    message: initialMessage,
    username: '',
  }));
  const [state, action, pending] = useActionState(signInWithPassword, initial);
  const [username, setUsername] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // After a failed attempt the (disabled, then re-enabled) button has lost the focus: put it where
    // the person will type next.
    if (state !== initial && state.status === 'error') passwordRef.current?.focus();
  }, [state, initial]);

  return (
    <form action={action} noValidate>
      <FormAlert message={state.message} id="sign-in-message" />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {companySlug ? <input type="hidden" name="companySlug" value={companySlug} /> : null}
      <div className="field">
        <label htmlFor="username">{t('username')}</label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="username"
          dir="auto"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-describedby={state.message ? 'sign-in-message' : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="password">{t('password')}</label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={state.message ? 'sign-in-message' : undefined}
        />
      </div>
      <button type="submit" className="button block" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
