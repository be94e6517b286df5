'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { verifyEmailAction, type VerifyState } from '@/app/verify/actions';
import { FormAlert } from '@/components/form-alert';

const initial: VerifyState = { status: 'idle', message: null };

/**
 * One button, so that opening the link is not yet confirming it: mail scanners that fetch every
 * link in a message do not spend it.
 */
export function VerifyEmailForm({ token }: { token: string }) {
  const t = useTranslations('ResetForms');
  const [state, action, pending] = useActionState(verifyEmailAction, initial);
  if (state.status === 'verified') {
    return (
      <>
        <p role="status" className="notice">
          {state.message}
        </p>
        <p>
          <a href="/account">{t('goToAccount')}</a>
        </p>
      </>
    );
  }
  return (
    <form action={action}>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="button block" disabled={pending}>
        {t('confirm')}
      </button>
    </form>
  );
}
