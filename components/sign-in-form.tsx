'use client';

import { useActionState } from 'react';
import { signInWithPassword, type SignInState } from '@/app/login/actions';

interface Props {
  callbackUrl?: string;
  companySlug?: string;
}

const initial: SignInState = { status: 'idle', message: null, username: '' };

export function SignInForm({ callbackUrl, companySlug }: Props) {
  const [state, action, pending] = useActionState(signInWithPassword, initial);
  return (
    <form action={action} noValidate>
      {state.message ? (
        <div role="alert" className="alert">
          {state.message}
        </div>
      ) : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {companySlug ? <input type="hidden" name="companySlug" value={companySlug} /> : null}
      <div className="field">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" type="text" autoComplete="username" required defaultValue={state.username} autoCapitalize="none" spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button block" disabled={pending}>
        Sign in
      </button>
    </form>
  );
}
