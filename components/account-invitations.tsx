'use client';

import { useActionState } from 'react';
import { answerInvitationAction, type InvitationAnswerState } from '@/app/account/actions';
import { FormAlert } from '@/components/form-alert';
import type { InvitationOfMine } from '@/lib/companies/invitations';
import { formatUtc } from '@/lib/format';
import styles from './account-invitations.module.css';

const initial: InvitationAnswerState = { status: 'idle', message: null };

/**
 * The signed-in person's pending company invitations on /account, each with `Accept` and `Decline`.
 * The buttons are described by their invitation's text, so a screen reader says which company each
 * is about. One answer region for the whole list stays in place while an answered invitation leaves it.
 */
export function AccountInvitations({ invitations }: { invitations: InvitationOfMine[] }) {
  const [state, action, pending] = useActionState(answerInvitationAction, initial);
  return (
    <div>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      {invitations.length === 0 ? (
        <p className="muted">You have no pending invitations.</p>
      ) : (
        <ul className={styles.list} aria-label="Pending invitations">
          {invitations.map((invitation) => {
            const textId = `invitation-${invitation.id}-text`;
            return (
              <li key={invitation.id} className={styles.item} data-testid={`invitation-${invitation.id}`}>
                <p id={textId} className={styles.offer}>
                  <strong>{invitation.companyName}</strong> invites you to join as {invitation.role === 'admin' ? 'an admin' : 'a member'}
                  {invitation.companyUsername !== null ? (
                    <>
                      , with the company username <code>{invitation.companyUsername}</code>
                    </>
                  ) : null}
                  .
                </p>
                <p className={`muted ${styles.meta}`}>
                  Invited{invitation.invitedBy ? ` by ${invitation.invitedBy}` : ''} on{' '}
                  <time dateTime={invitation.createdAt.toISOString()}>{formatUtc(invitation.createdAt)}</time>. Until you accept, you are not
                  a member and its admins have no say over your account.
                </p>
                <div className={styles.answers}>
                  <form action={action}>
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <input type="hidden" name="decision" value="accept" />
                    <button type="submit" className="button" disabled={pending} aria-describedby={textId}>
                      Accept
                    </button>
                  </form>
                  <form action={action}>
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <input type="hidden" name="decision" value="decline" />
                    <button type="submit" className="button secondary" disabled={pending} aria-describedby={textId}>
                      Decline
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
