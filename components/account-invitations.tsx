'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { answerInvitationAction, type InvitationAnswerState } from '@/app/account/actions';
import { FormAlert } from '@/components/form-alert';
import type { InvitationOfMine } from '@/lib/companies/invitations';
import styles from './account-invitations.module.css';

const initial: InvitationAnswerState = { status: 'idle', message: null };

/**
 * The signed-in person's pending company invitations on /account, each with `Accept` and `Decline`.
 * The buttons are described by their invitation's text, so a screen reader says which company each
 * is about. One answer region for the whole list stays in place while an answered invitation leaves it.
 */
export function AccountInvitations({ invitations }: { invitations: InvitationOfMine[] }) {
  const t = useTranslations('Invitations');
  const [state, action, pending] = useActionState(answerInvitationAction, initial);
  return (
    <div>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      {invitations.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className={styles.list} aria-label={t('pending')}>
          {invitations.map((invitation) => {
            const textId = `invitation-${invitation.id}-text`;
            return (
              <li key={invitation.id} className={styles.item} data-testid={`invitation-${invitation.id}`}>
                <p id={textId} className={styles.offer}>
                  {t.rich(invitation.companyUsername !== null ? 'offerWithUsername' : 'offer', {
                    company: invitation.companyName,
                    role: invitation.role,
                    username: invitation.companyUsername ?? '',
                    strong: (chunks) => <strong dir="auto">{chunks}</strong>,
                    code: (chunks) => <code dir="ltr">{chunks}</code>,
                  })}
                </p>
                <p className={`muted ${styles.meta}`}>
                  {t.rich(invitation.invitedBy ? 'invitedBy' : 'invited', {
                    by: invitation.invitedBy ?? '',
                    date: invitation.createdAt,
                    name: (chunks) => <bdi>{chunks}</bdi>,
                    time: (chunks) => <time dateTime={invitation.createdAt.toISOString()}>{chunks}</time>,
                  })}{' '}
                  {t('untilAccepted')}
                </p>
                <div className={styles.answers}>
                  <form action={action}>
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <input type="hidden" name="decision" value="accept" />
                    <button type="submit" className="button" disabled={pending} aria-describedby={textId}>
                      {t('accept')}
                    </button>
                  </form>
                  <form action={action}>
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <input type="hidden" name="decision" value="decline" />
                    <button type="submit" className="button secondary" disabled={pending} aria-describedby={textId}>
                      {t('decline')}
                    </button>
                  </form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={`saved-message ${styles.status}`}>
        {state.status === 'success' ? state.message : ''}
      </p>
    </div>
  );
}
