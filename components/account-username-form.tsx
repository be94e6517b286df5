'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState } from 'react';
import { changeUsernameAction, type ChangeUsernameState } from '@/app/account/actions';
import { useMessageText } from './use-message-text';
import { refusalVerdict, UsernameField, useUsernameHint } from './username-field';
import { useUsernameCheck } from './use-username-check';
import { FormAlert } from '@/components/form-alert';
import { usernameCheckKeys } from '@/lib/query-options/username-check';

const initial: ChangeUsernameState = { status: 'idle', message: null, refusal: null };

/**
 * The username change on /account: the same live field as the signup. The current name needs no
 * check; the person's own name in another case or form is checked, and the server answers
 * `own_username` (available to them) because the check knows who is asking.
 */
export function AccountUsernameForm({ currentUsername }: { currentUsername: string }) {
  const t = useTranslations('AccountForms');
  const text = useMessageText();
  const hint = useUsernameHint();
  const [state, action, pending] = useActionState(changeUsernameAction, initial);
  const [username, setUsername] = useState(currentUsername);
  const queryClient = useQueryClient();
  const unchanged = username === currentUsername;

  const live = useUsernameCheck(username, { profile: 'global' }, { unchanged });
  const refusal = state.refusal && state.refusal.username === username ? state.refusal : null;
  const verdict = refusal ? refusalVerdict(refusal, text) : live;

  useEffect(() => {
    // Whose name is whose just changed: earlier answers (the old name "yours", the new one "available")
    // no longer hold.
    if (state.status === 'saved') void queryClient.invalidateQueries({ queryKey: usernameCheckKeys.global() });
    if (state.status === 'error') document.getElementById('username')?.focus();
  }, [state, queryClient]);

  return (
    <form action={action} noValidate className="account-username-form">
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <UsernameField id="username" name="username" label={t('username')} value={username} onChange={setUsername} verdict={verdict} hint={hint} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending || unchanged}>
          {t('saveUsername')}
        </button>
        <p role="status" className="saved-message">
          {state.status === 'saved' && unchanged ? state.message : ''}
        </p>
      </div>
    </form>
  );
}
